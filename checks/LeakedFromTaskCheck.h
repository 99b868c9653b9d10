//===--- LeakedFromTaskCheck.h - ctxloss ------------------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_CHECKS_LEAKEDFROMTASKCHECK_H
#define CTXLOSS_CHECKS_LEAKEDFROMTASKCHECK_H

#include "checks/ContextCheck.h"
#include "checks/analysis/LeakSearch.h"

namespace clang::tidy::context {

/// Finds callables handed to a reused worker (a pool, an executor, an
/// OpenMP team) that set per-thread context and do not restore it on every
/// path out, so that the worker's next task inherits it.
///
/// For the user-facing documentation see:
/// docs/checks/context-leaked-from-task.rst
class LeakedFromTaskCheck : public ContextCheck {
public:
  LeakedFromTaskCheck(StringRef Name, ClangTidyContext *Context)
      : ContextCheck(Name, Context),
        AnyCallMayThrow(Options.get("AnyCallMayThrow", false)) {}
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  void reportFindings(ctxloss::TUAnalysis &Analysis) override;
  void report(const ctxloss::LeakedContext &Finding,
              ctxloss::TUAnalysis &Analysis);

  /// Every call not declared `noexcept` is a way out of the task, not only
  /// those the analysis sees throw (ctxloss::LeakOptions).
  const bool AnyCallMayThrow;
};

} // namespace clang::tidy::context

#endif // CTXLOSS_CHECKS_LEAKEDFROMTASKCHECK_H
