//===--- LostAfterSuspendCheck.h - ctxloss ----------------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_CHECKS_LOSTAFTERSUSPENDCHECK_H
#define CTXLOSS_CHECKS_LOSTAFTERSUSPENDCHECK_H

#include "checks/ContextCheck.h"
#include "checks/analysis/SuspendSearch.h"
#include "checks/fixes/FixOption.h"

namespace clang::tidy::context {

/// Finds reads of per-thread context in a coroutine after a suspension
/// point that may resume it on another thread, and pointers to per-thread
/// state kept across one.
///
/// For the user-facing documentation see:
/// docs/checks/context-lost-after-suspend.rst
class LostAfterSuspendCheck : public ContextCheck {
public:
  LostAfterSuspendCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  void reportFindings(ctxloss::TUAnalysis &Analysis) override;
  /// Reports one finding; \p Fix, when given, is the fix of every finding
  /// of its coroutine and context.
  void report(const ctxloss::SuspendFinding &Finding,
              const ctxloss::fixes::FixOption *Fix);
  /// The notes saying why the suspension may change thread.
  void reportThreadChange(const ctxloss::SuspendFinding &Finding);

  const StringRef RawAwaitables;
  const StringRef RawSameThreadAwaitables;
  ctxloss::SuspendOptions Suspend;
  /// Option errors, reported once.
  std::string OptionError;
};

} // namespace clang::tidy::context

#endif // CTXLOSS_CHECKS_LOSTAFTERSUSPENDCHECK_H
