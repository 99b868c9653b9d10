//===--- TaskTrampolines.h - A framework's entry before a task -*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A spawn through a named function (a framework's `Thread::start(Runnable&)`,
/// a `SpawnFunctions` entry) starts the task at the callable's entry, but the
/// new thread first runs the framework's own entry, which may set per-thread
/// state before it calls the task (Poco's `ThreadImpl::runnableEntry` sets
/// the current-thread key, then calls `pRunnableTarget->run()`). When the
/// framework's implementation is in the program, that entry is seen:
///
///   1. The spawn function F: the function the spawn calls (or the class
///      constructed), when its body is analysed: not in a system header, and
///      not a virtual member called through a base (which body runs is not
///      known).
///   2. The task's targets: the task's entries, and the virtual members they
///      override (`Poco::Runnable::run` for `PooledThread::run`).
///   3. The inner spawns: every spawn in F or in a function F reaches through
///      calls (`pthread_create(..., runnableEntry, this)` in `startImpl`),
///      each with the entries it runs.
///   4. The task calls: in each inner entry's own body, the calls that run
///      the task: a direct call of one of its entries (a template trampoline
///      `(*static_cast<F *>(p))()`), or an unresolved virtual call of a task
///      entry member that the task overrides (`pRunnableTarget->run()`).
///   5. If there is at least one task call, the spawn carries every key that
///      is restored before each of them in its inner entry (written, or set
///      by a call of a setter, on every path from the entry to the call: the
///      rule that makes a write at the top of a task a restore). A key set
///      before some task calls and not others is not carried.
///
/// The rule is the framework's, not a name list: any spawn function whose
/// implementation is visible. A task call one call deeper than the inner
/// entry (`entry() { key = v; loop(); }`, `loop() { task->run(); }`) is not
/// followed, nor a task run through a function pointer kept in a structure
/// (Poco's `callableEntry`): which function the pointer holds is not known.
/// Both leave the spawn as it was, with its reads reported.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_TASKTRAMPOLINES_H
#define CTXLOSS_ANALYSIS_TASKTRAMPOLINES_H

#include "checks/analysis/FunctionSummary.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <functional>

namespace ctxloss {

/// The function a spawn calls, or the constructor it runs, when its body
/// may be in the program (rule 1, without the body's presence); null
/// otherwise, and for an OpenMP region.
const clang::FunctionDecl *getSpawnFunction(const SpawnSite &Spawn);

/// The virtual members \p Entry overrides, directly or through other
/// overrides, as canonical declarations, \p Entry not included.
void getOverriddenMembers(
    const clang::FunctionDecl *Entry,
    llvm::SmallVectorImpl<const clang::CXXMethodDecl *> &Out);

/// A call by which a framework's own entry runs a spawn's task.
struct TrampolineCall {
  const FunctionSummary *Entry; ///< The inner entry.
  const clang::Stmt *Site;      ///< The call in it.
};

/// Finds the task calls of spawns (rules 1-4), remembering the inner
/// entries each spawn function reaches.
class TrampolineFinder {
public:
  using SummaryLookup =
      std::function<const FunctionSummary *(const clang::Decl *)>;
  using EntryResolver = std::function<void(
      const SpawnSite &, llvm::SmallVectorImpl<const clang::Decl *> &)>;

  TrampolineFinder(SummaryLookup Lookup, EntryResolver Resolve)
      : Lookup(std::move(Lookup)), Resolve(std::move(Resolve)) {}

  /// The task calls of \p Spawn; none when its spawn function's body is not
  /// analysed or no inner entry calls the task.
  void find(const SpawnSite &Spawn, llvm::SmallVectorImpl<TrampolineCall> &Out);

private:
  struct Inner {
    const SpawnSite *Spawn;
    const FunctionSummary *Entry;
  };
  llvm::ArrayRef<Inner> innerEntries(const clang::Decl *Fn);

  SummaryLookup Lookup;
  EntryResolver Resolve;
  llvm::DenseMap<const clang::Decl *, llvm::SmallVector<Inner, 1>> Cache;
};

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_TASKTRAMPOLINES_H
