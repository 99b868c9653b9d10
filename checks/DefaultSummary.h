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

#include "llvm/ADT/StringRef.h"
#include <string>

namespace ctxloss {

class DefaultSummaryProvider {
public:
  virtual ~DefaultSummaryProvider() = default;
  /// The summary file for the translation unit of \p MainFile, or empty
  /// when there is none yet. Called while the file is parsed: must not
  /// block (a refresh it decides on runs elsewhere).
  virtual std::string summaryFor(llvm::StringRef MainFile) = 0;
  /// The file \p Path it returned could not be read (broken, or of another
  /// format version): it should be rewritten.
  virtual void unreadable(llvm::StringRef Path) = 0;
};

/// Installs \p P (owned by the caller, alive until exit); null removes it.
void setDefaultSummaryProvider(DefaultSummaryProvider *P);
/// The provider installed, or null.
DefaultSummaryProvider *getDefaultSummaryProvider();

} // namespace ctxloss

#endif // CTXLOSS_CHECKS_DEFAULTSUMMARY_H
