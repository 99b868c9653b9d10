//===--- WriteLostInTaskCheck.h - ctxloss -----------------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_CHECKS_WRITELOSTINTASKCHECK_H
#define CTXLOSS_CHECKS_WRITELOSTINTASKCHECK_H

#include "checks/ContextCheck.h"
#include "checks/analysis/WriteLossSearch.h"

namespace clang::tidy::context {

/// Finds reads of per-thread context, after joining or waiting for a task,
/// of a value that only the task wrote: the write stayed on the task's
/// thread.
///
/// For the user-facing documentation see:
/// docs/checks/context-write-lost-in-task.rst
class WriteLostInTaskCheck : public ContextCheck {
public:
  WriteLostInTaskCheck(StringRef Name, ClangTidyContext *Context)
      : ContextCheck(Name, Context) {}

private:
  void reportFindings(ctxloss::TUAnalysis &Analysis) override;
  void report(const ctxloss::LostWrite &Finding);
  /// The notes from the task's entry down to its write.
  void reportWrite(const ctxloss::LostWrite &Finding, StringRef Context);
  /// The notes from the read after the wait down to the reader.
  void reportRead(const ctxloss::LostWrite &Finding, StringRef Context);
};

} // namespace clang::tidy::context

#endif // CTXLOSS_CHECKS_WRITELOSTINTASKCHECK_H
