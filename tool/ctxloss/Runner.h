//===--- Runner.h - Summarise many translation units in parallel -*- C++
//-*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_RUNNER_H
#define CTXLOSS_TOOL_CTXLOSS_RUNNER_H

#include "checks/analysis/SummaryFile.h"
#include "tool/ctxloss/Cache.h"
#include "tool/ctxloss/Config.h"
#include "clang/Tooling/CompilationDatabase.h"

namespace ctxloss::cli {

struct RunOptions {
  unsigned Threads = 0; ///< 0: all cores.
  const SummaryCache *Cache = nullptr;
  bool ShowProgress = false;
  std::string ResourceDir;
  /// Test-only: summarising this file dereferences null (CrashOn) or
  /// aborts (AbortOn), as a frontend bug would.
  std::string CrashOn, AbortOn;
};

struct RunStats {
  unsigned Total = 0;
  unsigned Cached = 0;
  unsigned Summarized = 0;
  unsigned Failed = 0;
};

struct RunResult {
  /// The summaries of the translation units that compile, in input order.
  std::vector<summary::Summary> Summaries;
  /// For each translation unit that does not compile, or whose summarising
  /// crashed: the compiler's errors or the signal, and a line saying it is
  /// left out. In input order.
  std::vector<std::string> Errors;
  RunStats Stats;
};

/// Summarises \p Commands on a thread pool, from the cache where possible.
RunResult summarizeAll(llvm::ArrayRef<clang::tooling::CompileCommand> Commands,
                       Config &Options, const RunOptions &Run);

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_RUNNER_H
