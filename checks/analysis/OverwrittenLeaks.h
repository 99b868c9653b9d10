//===--- OverwrittenLeaks.h - Leaks every task on a pool overwrites -*- C++
//-*-//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// When a context left set on a reused worker does no harm: every task the
/// analysis sees handed to the same boundary sets the context before it
/// reads it, and one of them reads it after setting it. What one task
/// leaves behind is then overwritten by the next before any task of that
/// worker reads it (RocksDB's background jobs each start with
/// `IOSTATS_SET_THREAD_POOL_ID(...)`, which no job reads before setting).
///
/// "Sets before it reads" is what `context-lost-in-task` decides: no
/// unrestored read of the context is reached from the task. The read after
/// the set is the evidence that each task initialises the context itself;
/// without any read, the leftover is kept reported as before.
///
/// The rule holds for a set point that writes a field of a per-thread
/// object (`iostats_context.thread_pool_id = ...`): each task stamps its
/// field of the worker's own record. A task that replaces the context as
/// a whole (`tenant = t`, `setContext(ctx)`, `MDC::put`) carries a
/// request's context over by hand; what it leaves is that request's
/// context on a worker that also runs code the analysis does not see (the
/// pool's own, other libraries' handlers), and it stays reported.
///
/// The tasks "seen" are those of the translation unit here, and those of
/// the whole program for the driver (ProgramLeaks.cpp). A task whose
/// function the analysis cannot tell counts as none.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_OVERWRITTENLEAKS_H
#define CTXLOSS_ANALYSIS_OVERWRITTENLEAKS_H

#include "checks/analysis/TUAnalysis.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

namespace ctxloss {

/// Whether the set point \p Write (a ContextWrite's statement) writes a
/// field of the per-thread object rather than the whole of it.
bool setsField(const clang::Stmt *Write);

class OverwrittenLeaks {
public:
  /// \p Analysis must be prepared.
  explicit OverwrittenLeaks(TUAnalysis &Analysis);

  /// Whether every task of the translation unit handed to a reused worker
  /// through \p Boundary (a boundary's name, or a helper's underlying one)
  /// sets \p Key before any read of it, and one reads it after setting it.
  bool overwritten(llvm::StringRef Boundary, ContextKey Key);

private:
  /// A task site on a reused worker: where it is written (as
  /// lostContexts() tells sites apart) and what it runs.
  struct PoolTask {
    clang::SourceLocation Loc;
    const SpawnSite *Spawn;
  };
  void collectTasks();
  /// Whether a read of \p Key that counts is reached from \p Entry by calls.
  bool reachesRead(const clang::Decl *Entry, ContextKey Key);

  TUAnalysis &A;
  bool Collected = false;
  llvm::StringMap<llvm::SmallVector<PoolTask, 4>> Tasks;
  /// The sites and keys context-lost-in-task reports.
  llvm::DenseSet<std::pair<clang::SourceLocation, const void *>> Lost;
  llvm::DenseMap<std::pair<const clang::Decl *, const void *>, bool> Reads;
};

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_OVERWRITTENLEAKS_H
