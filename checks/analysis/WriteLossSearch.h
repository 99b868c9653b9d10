//===--- WriteLossSearch.h - Writes that do not come back -------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The search of `context-write-lost-in-task`: a task writes context on its
/// own thread, and the function that started it reads that context after
/// waiting for it, as if the write had come back.
///
/// - The task's write: the nearest write of the context that the task's
///   entry makes, directly or through calls (not through constructors,
///   whose writes the engine scopes to the object), and that outlives it:
///   not a guard's, not a per-thread initialisation, and not in a function
///   that keeps the previous value aside (it saves it to put it back). A
///   write through calls counts only if every caller on the way keeps it
///   set after its call (CallLeaves: no restore follows on some path out,
///   such as `SetX(prev)` with `prev` saved from a getter of the context).
/// - The wait: a `JoinSite` of the spawn in the spawning function, or the
///   call of a helper that spawns its parameter and waits for it on every
///   path (SpawnSite::WaitedOnEveryPath, for every way it spawns it). A
///   helper defined in another file waits when the program summary says so
///   (summary::ParamSpawn::Waits).
/// - The read: a read of the context, or a call leading to one (the
///   engine's read paths), that the wait dominates in the spawning
///   function's CFG: every path to the read has waited for the task first.
///   A read that a write in the spawning function dominates (before the
///   spawn, or after the wait: the task returned the value and the caller
///   set it) reads what the caller set itself and is not reported.
/// - A spawn that carries context over carries it into the task only:
///   nothing carries the task's writes back, so it is searched like any
///   other.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_WRITELOSSSEARCH_H
#define CTXLOSS_ANALYSIS_WRITELOSSSEARCH_H

#include "checks/analysis/TUAnalysis.h"
#include <vector>

namespace ctxloss {

/// A read of context, after waiting for a task, of what only the task wrote.
struct LostWrite {
  ContextKey Key;
  /// The function that starts the task, waits for it and reads.
  const clang::Decl *Spawner = nullptr;
  const TaskSite *Site = nullptr;
  /// The wait as the spawner makes it: the join, or the call of a helper
  /// that waits.
  const clang::Stmt *WaitAt = nullptr;
  /// The function whose join it is (the spawner, or the innermost helper)
  /// and the join.
  const clang::Decl *Waiter = nullptr;
  const JoinSite *Join = nullptr;
  /// Instead of Join, when the helper that waits is defined elsewhere: the
  /// program summary's fact saying how and where it waits.
  const ProgramSpawn *ExternalWait = nullptr;
  /// For a helper: how it hands the task on.
  const SpawnedParam *Helper = nullptr;

  /// The task's side: its entry (with the callable that runs it), the
  /// calls down to the writer, the write.
  ResolvedTask Task;
  llvm::SmallVector<const CallEdge *, 4> WritePath;
  llvm::SmallVector<const clang::Decl *, 4> WriteCallers;
  const clang::Decl *Writer = nullptr;
  const ContextWrite *Write = nullptr;

  /// The spawner's side: the read, or the call leading to one, where the
  /// finding is reported; then the calls down to the reader.
  const clang::Stmt *ReadAt = nullptr;
  llvm::SmallVector<const CallEdge *, 4> ReadPath;
  llvm::SmallVector<const clang::Decl *, 4> ReadCallers;
  const clang::Decl *Reader = nullptr;
  const ContextRead *Read = nullptr;
};

/// Whether the write \p W in \p S outlives \p S: it is not a guard's,
/// not an end of one, not made while a guard of the same context lives (a
/// profile's guard, `ctxloss::scoped_value`, a local object whose
/// constructor is one of \p Writers, the writers of W.Key), not a
/// per-thread initialisation, and \p S does not keep the previous value
/// aside (it saves it to put it back).
bool outlivesFunction(const FunctionSummary &S, const ContextWrite &W,
                      const WriterSet &Writers, RestoreAnalysis &Restores,
                      const clang::SourceManager &SM);

/// Whether \p Join, a wait in \p S, comes before \p Use on every path: it
/// dominates \p Use; for a wait in a range-for over the handles, the loop's
/// range dominates \p Use and \p Use comes after the loop; for a handle's
/// destructor, the spawn dominates \p Use and \p Use comes after the
/// handle's scope.
bool isAfterJoin(const FunctionSummary &S, const JoinSite &Join,
                 const clang::Stmt *Use, RestoreAnalysis &Restores,
                 const clang::SourceManager &SM);

/// The findings of `context-write-lost-in-task` in \p Analysis's
/// translation unit: one per read (as written) and context, ordered by
/// position.
std::vector<LostWrite> findLostWrites(TUAnalysis &Analysis);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_WRITELOSSSEARCH_H
