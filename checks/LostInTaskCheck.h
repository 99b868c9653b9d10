//===--- LostInTaskCheck.h - ctxloss ----------------------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_CHECKS_LOSTINTASKCHECK_H
#define CTXLOSS_CHECKS_LOSTINTASKCHECK_H

#include "checks/ContextCheck.h"
#include "checks/fixes/SpawnFixes.h"

namespace clang::tidy::context {

/// Finds reads of per-thread context (thread-locals and context libraries'
/// current context) reached, directly or through a call chain, only from a
/// callable handed to a spawn boundary that does not carry it over.
///
/// For the user-facing documentation see:
/// docs/checks/context-lost-in-task.rst
class LostInTaskCheck : public ContextCheck {
public:
  LostInTaskCheck(StringRef Name, ClangTidyContext *Context)
      : ContextCheck(Name, Context) {}

private:
  void reportFindings(ctxloss::TUAnalysis &Analysis) override;
  /// Reports one finding; \p Fixes, when given, are the fixes for every
  /// finding of its spawn site, attached to this finding's diagnostics.
  void report(const ctxloss::LostContext &Finding,
              const ctxloss::fixes::SiteFixes *Fixes);
  /// The note at the read a finding's path ends in.
  void reportRead(const ctxloss::LostContext &Finding, StringRef Context);
};

} // namespace clang::tidy::context

#endif // CTXLOSS_CHECKS_LOSTINTASKCHECK_H
