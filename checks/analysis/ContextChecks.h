//===--- ContextChecks.h - The checks of the context module -----*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The checks of the `context` module, as the whole-program driver names
/// them in its reports: the name, the SARIF rule's name, and the one summary
/// sentence each check shares with its header comment, its documentation
/// and the README table.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_CONTEXTCHECKS_H
#define CTXLOSS_ANALYSIS_CONTEXTCHECKS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace ctxloss {

inline constexpr llvm::StringLiteral LostInTaskCheckName =
    "context-lost-in-task";
inline constexpr llvm::StringLiteral WriteLostInTaskCheckName =
    "context-write-lost-in-task";
inline constexpr llvm::StringLiteral LeakedFromTaskCheckName =
    "context-leaked-from-task";
inline constexpr llvm::StringLiteral LostAfterSuspendCheckName =
    "context-lost-after-suspend";

struct ContextCheckInfo {
  llvm::StringLiteral Name;
  /// The SARIF rule's name: the check's name in CamelCase.
  llvm::StringLiteral RuleName;
  llvm::StringLiteral Summary;
};

/// Every check of the module, in the order the driver prefers when the
/// enabled checks' engine options disagree (the first enabled one wins).
inline constexpr ContextCheckInfo ContextChecks[] = {
    {LostInTaskCheckName, "LostInTask",
     "Finds reads of per-thread context (thread-locals and context "
     "libraries' current context) reached, directly or through a call "
     "chain, only from a callable handed to a spawn boundary that does not "
     "carry it over."},
    {WriteLostInTaskCheckName, "WriteLostInTask",
     "Finds reads of per-thread context, after joining or waiting for a "
     "task, of a value that only the task wrote: the write stayed on the "
     "task's thread."},
    {LeakedFromTaskCheckName, "LeakedFromTask",
     "Finds callables handed to a reused worker (a pool, an executor, an "
     "OpenMP team) that set per-thread context and do not restore it on "
     "every path out, so that the worker's next task inherits it."},
    {LostAfterSuspendCheckName, "LostAfterSuspend",
     "Finds reads of per-thread context in a coroutine after a suspension "
     "point that may resume it on another thread, and pointers to "
     "per-thread state kept across one."},
};

/// The entry of the check \p Name, or null.
inline const ContextCheckInfo *findContextCheck(llvm::StringRef Name) {
  for (const ContextCheckInfo &Info : ContextChecks)
    if (Info.Name == Name)
      return &Info;
  return nullptr;
}

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_CONTEXTCHECKS_H
