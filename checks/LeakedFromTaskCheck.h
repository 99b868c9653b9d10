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
      : ContextCheck(Name, Context) {}

private:
  void reportFindings(ctxloss::TUAnalysis &Analysis) override;
  void report(const ctxloss::LeakedContext &Finding,
              ctxloss::TUAnalysis &Analysis);
};

} // namespace clang::tidy::context

#endif // CTXLOSS_CHECKS_LEAKEDFROMTASKCHECK_H
