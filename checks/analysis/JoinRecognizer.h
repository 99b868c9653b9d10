//===--- JoinRecognizer.h - Where a function waits for its tasks -*- C++
//-*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Recognises the places where a function waits for a task it spawned
/// itself, from what the summary builder sees while it walks the body once:
/// the variables and containers that hold a spawn's handle, the object a
/// spawn was submitted to, and the member calls made on them.
///
/// Recognised waits:
///  - `join()`, `get()`, `wait()`, `wait_for()`, `wait_until()` on the
///    variable initialised from the spawn (`std::thread T(f)`,
///    `auto Fut = std::async(f)`, `auto Fut = Pool.submit(f)`), or on the
///    spawn's result directly (`std::async(f).get()`);
///  - the same calls on the loop variable of a range-for over a container
///    the spawns were added to (`Threads.emplace_back(f)`,
///    `Futures.push_back(std::async(f))`), or on the element at the index
///    of a loop over every index of it (`for (size_t I = 0; I <
///    Threads.size(); ++I) Threads[I].join();`: from 0, by one, up to
///    `size()`): the tasks have ended after the loop;
///  - `join_all()` on a `boost::thread_group` the thread was created in
///    (`Group.create_thread(f)`) or added to
///    (`Group.add_thread(new boost::thread(f))`);
///  - `wait()`, `join()`, `wait_for_tasks()`, `wait_all()` on the object a
///    task was submitted to (`Pool.submit(f)`, `Group.run(f)`,
///    `boost::asio::post(Pool, f)`);
///  - `pthread_join(T, ...)` for the thread `pthread_create(&T, ...)`
///    started;
///  - a wait on a latch or a barrier that the task arrives at (Latches.h);
///  - the end of the scope of a handle whose destructor waits: a
///    `std::jthread` (or a container of them), the future `std::async`
///    returned (or a container of them), unless the handle is moved,
///    detached or shared first; and a discarded `std::async` future, which
///    waits at the end of its full expression;
///  - a boundary that returns only once its tasks have ended: TBB's
///    parallel algorithms and `task_group::run_and_wait`.
///
/// OpenMP regions are not joins: the encountering thread is the master of
/// the team and runs the region itself.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_JOINRECOGNIZER_H
#define CTXLOSS_ANALYSIS_JOINRECOGNIZER_H

#include "checks/analysis/FunctionSummary.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace ctxloss {

class JoinRecognizer {
public:
  /// A local variable with an initialiser, in the compound statement
  /// \p Scope: it may hold a spawn's handle.
  void noteVar(const clang::VarDecl *D, const clang::CompoundStmt *Scope);
  /// A compound statement: a spawn that is one of its statements discards
  /// its result.
  void noteCompound(const clang::CompoundStmt *S) { Compounds.push_back(S); }
  /// A call: a member call may add a handle to a container, or wait;
  /// `pthread_join` waits.
  void noteCall(const clang::CallExpr *E);
  /// A range-for: its loop variable may designate the handles.
  void noteRangeFor(const clang::CXXForRangeStmt *S);
  /// A for loop: its index may designate the handles.
  void noteFor(const clang::ForStmt *S);

  /// Records in \p S's Joins every wait for one of \p S's spawns.
  void finish(FunctionSummary &S) const;

private:
  void addScopeJoins(FunctionSummary &S, unsigned Spawn,
                     llvm::ArrayRef<const clang::VarDecl *> Holders) const;
  bool isDiscarded(const clang::Stmt *Spawn) const;
  /// The loop over every index of one of \p Containers in whose body
  /// \p Wait waits on the element at the index, or null.
  const clang::ForStmt *
  indexLoopOver(const clang::CXXMemberCallExpr *Wait,
                llvm::ArrayRef<const clang::VarDecl *> Containers) const;

  llvm::SmallVector<const clang::VarDecl *, 4> Vars;
  llvm::SmallVector<const clang::CompoundStmt *, 4> VarScopes;
  /// Handles moved, detached or shared: their destructor does not wait.
  llvm::SmallVector<const clang::VarDecl *, 0> Released;
  llvm::SmallVector<const clang::CompoundStmt *, 0> Compounds;
  llvm::SmallVector<const clang::CXXMemberCallExpr *, 4> MemberCalls;
  llvm::SmallVector<const clang::CallExpr *, 0> ThreadJoins;
  llvm::SmallVector<const clang::CXXForRangeStmt *, 0> Loops;
  llvm::SmallVector<const clang::ForStmt *, 0> IndexLoops;
};

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_JOINRECOGNIZER_H
