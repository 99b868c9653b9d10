//===--- Config.h - Check options for the ctxloss driver --------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The options of `context-lost-in-task` as clang-tidy finds them: the
/// `.clang-tidy` files above each source file, or `--config` /
/// `--config-file`, with `--checks` on top, through clang-tidy's own options
/// providers, so a project writes its options once for clang-tidy, clangd
/// and ctxloss.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_CONFIG_H
#define CTXLOSS_TOOL_CTXLOSS_CONFIG_H

#include "checks/analysis/SuspendRecognizer.h"
#include "checks/analysis/TUAnalysis.h"
#include "checks/fixes/SpawnFixes.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/utils/IncludeSorter.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <mutex>

namespace ctxloss::cli {

/// The check's options for the files of one directory.
struct CheckConfig {
  /// The context checks enabled, by name.
  llvm::StringSet<> Enabled;
  bool enabled(llvm::StringRef Check) const { return Enabled.contains(Check); }
  bool anyEnabled() const { return !Enabled.empty(); }
  AnalysisOptions Analysis;
  /// The options of `context-lost-after-suspend` that the summary depends
  /// on (`Awaitables`, `SameThreadAwaitables`).
  SuspendOptions Suspend;
  fixes::FixStrategy Strategy = fixes::FixStrategy::CopyAndRun;
  clang::tidy::utils::IncludeSorter::IncludeStyle IncludeStyle =
      clang::tidy::utils::IncludeSorter::IS_LLVM;
  /// The raw values of the options that change a summary, for cache keys.
  std::string SummaryFingerprint;
  /// Invalid option values, one message each.
  std::vector<std::string> Errors;
};

class Config {
public:
  /// \p ConfigText is `--config`, \p ConfigFile `--config-file`, \p Checks
  /// `--checks`; empty when not given. Fails on unreadable or malformed
  /// configuration.
  static llvm::Expected<std::unique_ptr<Config>>
  create(llvm::StringRef ConfigText, llvm::StringRef ConfigFile,
         llvm::StringRef Checks);

  /// The options that apply to \p File. Thread-safe.
  const CheckConfig &forFile(llvm::StringRef File);

  /// The configuration files the options of \p File are read from (the
  /// `.clang-tidy` files of its directory and above, `--config-file`), for
  /// build systems that rerun ctxloss when one changes.
  std::vector<std::string> filesFor(llvm::StringRef File);

private:
  explicit Config(std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> P)
      : Provider(std::move(P)) {}

  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider;
  std::mutex Lock;
  llvm::StringMap<std::unique_ptr<CheckConfig>> ByDirectory;
};

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_CONFIG_H
