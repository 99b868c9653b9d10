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
  /// The fixes of every finding of one coroutine and context: the
  /// `FixStrategy` option's on the warning, the other on a note.
  struct SuspendFixes {
    ctxloss::fixes::FixOption Preferred;
    ctxloss::fixes::FixOption Alternative;
  };
  /// Reports one finding; \p Fixes, when given, are the fixes of every
  /// finding of its coroutine and context.
  void report(const ctxloss::SuspendFinding &Finding,
              const SuspendFixes *Fixes);
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
