//===--- DefaultSummary.h - ctxloss -----------------------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The program summary a check uses when no `SummaryFile` is configured.
/// Only a host that maintains one installs a provider: `ctxloss-clangd`
/// keeps `<project>/.cache/ctxloss/program.json` fresh in the background
/// (tool/ClangdSummary.h). clang-tidy, the plugin and `ctxloss-tidy` install
/// none, so there the checks see exactly what their options say.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_CHECKS_DEFAULTSUMMARY_H
#define CTXLOSS_CHECKS_DEFAULTSUMMARY_H

#include "checks/analysis/ProgramAnalysis.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <string>

namespace ctxloss {

class DefaultSummaryProvider {
public:
  virtual ~DefaultSummaryProvider() = default;
  /// The summary file for the translation unit of \p MainFile (it may not
  /// exist yet), or empty when the file's project has none. Called while the
  /// file is parsed: must not block (a refresh it decides on runs elsewhere).
  virtual std::string summaryFor(llvm::StringRef MainFile) = 0;
  /// The file \p Path it returned could not be read (broken, or of another
  /// format version): it should be rewritten.
  virtual void unreadable(llvm::StringRef Path) = 0;
  /// Whether a parse may wait for the summary to load (`--check`, which
  /// parses once); otherwise it is loaded in the background and the parses
  /// after that use it.
  virtual bool mayWait() const = 0;
  /// The parse of \p MainFile used the summary at \p SummaryPath (the
  /// host's, or a `SummaryFile` the user configured; it may not exist yet):
  /// when another process writes it, the host may re-check the file.
  virtual void watch(llvm::StringRef SummaryPath, llvm::StringRef MainFile) {}
};

/// Installs \p P (owned by the caller, alive until exit); null removes it.
void setDefaultSummaryProvider(DefaultSummaryProvider *P);
/// The provider installed, or null.
DefaultSummaryProvider *getDefaultSummaryProvider();

/// What the summary at \p Path gives the checks, computed for \p Options.
/// Loading a whole program's summary takes seconds (RocksDB's: 16 MB), so
/// unless \p Provider may wait, this never blocks: the first call for a
/// version of the file starts loading it on a low-priority thread and
/// returns the version loaded before, if any. Cached by path and
/// modification time. A file that cannot be read is reported to
/// \p Provider.
std::shared_ptr<const ProgramReaders>
loadDefaultSummary(llvm::StringRef Path, const ContextOptions &Options,
                   DefaultSummaryProvider &Provider);

/// Lowers the calling thread's priority (a background job's thread).
void lowerThreadPriority();

/// Loads the summary at \p Path now, in the calling thread, with the
/// options the checks last asked with (none asked: nothing to do), so that
/// the next parse finds it ready. For the thread that wrote it.
void preloadDefaultSummary(llvm::StringRef Path,
                           DefaultSummaryProvider &Provider);

} // namespace ctxloss

#endif // CTXLOSS_CHECKS_DEFAULTSUMMARY_H
