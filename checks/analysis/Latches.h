//===--- Latches.h - Latches and barriers a task arrives at -----*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Latches and barriers as waits for a task: `std::latch`, `std::barrier`,
/// `boost::latch` and `boost::barrier`. The spawning function waits on one
/// (`wait()`, `arrive_and_wait()`, `count_down_and_wait()`) and the task
/// arrives at the same object (`count_down()`, `arrive()`,
/// `arrive_and_wait()`, ...): once the wait returns, the task has passed
/// its arrival.
///
/// How strictly they are linked: the spawner's wait and the task's arrival
/// name the same variable (a local or a parameter of the spawner, or a
/// global), and the arrival is written in the body of the task's entry
/// itself: the lambda that captures the latch by reference, or the
/// function the spawn names. A latch handed to the task as an argument of
/// the spawn, by `std::ref(Done)` or `&Done`, to a boundary that calls the
/// callable with the arguments written after it (`std::thread`,
/// `std::jthread`, `boost::thread`, `std::async`), is linked the same way
/// when the entry's parameter receiving it is the object the arrival is
/// made on. A latch handed on by the task to a function it calls, captured
/// under another name (`[&L = Done]`) or reached through a member is not
/// linked: the wait is then not taken for a wait for the task. Whether the
/// task's write comes before or after its arrival does not matter: either
/// way it stays on the task's thread.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_LATCHES_H
#define CTXLOSS_ANALYSIS_LATCHES_H

#include "checks/analysis/FunctionSummary.h"

namespace ctxloss {

enum class SyncKind : std::uint8_t { None, Latch, Barrier };

/// Whether \p Var is a latch or a barrier.
SyncKind getSyncKind(const clang::VarDecl *Var);

/// Whether calling \p Method on a \p Kind waits for the others.
bool isSyncWait(SyncKind Kind, llvm::StringRef Method);

/// Whether a task calling \p Method on a \p Kind arrives at it.
bool isSyncArrival(SyncKind Kind, llvm::StringRef Method);

/// Whether the task \p Spawn starts arrives at \p Sync, a latch or a
/// barrier of kind \p Kind, in the body of its entry.
bool taskArrivesAt(const SpawnSite &Spawn, const clang::VarDecl *Sync,
                   SyncKind Kind);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_LATCHES_H
