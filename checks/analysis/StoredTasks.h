//===--- StoredTasks.h - Pools and schedulers found by analysis -*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Finds the home-made pools, schedulers and callback slots of a translation
/// unit by what their code does, whatever they are called: a member function
/// stores one of its callable parameters (as is, wrapped in a
/// `std::function`, a `std::packaged_task`, a lambda or a struct) into a
/// member of its object -- a queue, a vector, a map of timers, a single
/// callback slot -- and a member function of the same class takes what that
/// member holds and calls it, in a function that a spawn in the translation
/// unit reaches (the class's own worker thread, or a thread started
/// elsewhere that runs its loop). The store is then a spawn of the
/// parameter, so the storing function is a spawning helper and its callers
/// are reported where they write the task.
///
/// A member whose elements are never called -- a queue of data, gRPC's
/// `MultiProducerSingleConsumerQueue` of nodes -- is no boundary, and
/// neither is a callable that only the storing thread calls back (no spawn
/// reaches the caller).
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_STOREDTASKS_H
#define CTXLOSS_ANALYSIS_STOREDTASKS_H

#include "checks/analysis/FunctionSummary.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include <functional>
#include <memory>
#include <vector>

namespace ctxloss {

/// A callable parameter stored into a member of the function's object.
struct TaskStore {
  const clang::FunctionDecl *Fn;
  /// The member, the first one reached from `this`
  /// (`state_->queue.push(f)` stores into `state_`).
  const clang::FieldDecl *Field;
  /// The storing call or assignment.
  const clang::Stmt *Site;
  /// The expression stored, as the spawn's callable: the lambda written
  /// there, or the reference to the parameter.
  const clang::Expr *Callable;
  /// Stored as one element among others (a container's member call, an
  /// element assigned), not into a single slot (`cb_ = f`).
  bool Element;
};

/// Finds stored tasks and turns each whose member a worker runs into a
/// spawn of the storing function's summary. Run it after every round of
/// summarising: what a round adds may show a worker or a store.
class StoredTaskFinder {
public:
  using Summaries =
      llvm::MapVector<const clang::Decl *, std::unique_ptr<FunctionSummary>>;
  /// Appends the entries of the tasks a summary starts, each with the
  /// statement starting it: its spawns' (TUAnalysis::resolveEntries), and
  /// the callables it hands to helpers that spawn them.
  using EntryResolver = std::function<void(
      const FunctionSummary &,
      llvm::SmallVectorImpl<std::pair<const clang::Decl *, const clang::Stmt *>>
          &)>;

  /// Returns whether a spawn was added.
  bool run(Summaries &All, const EntryResolver &Entries);

private:
  void scanStores(const FunctionSummary &S);

  llvm::DenseSet<const clang::Decl *> Scanned;
  std::vector<TaskStore> Stores;
  llvm::DenseSet<const clang::Stmt *> Added;
  /// Per summary: the members whose elements it calls (scanned once).
  llvm::DenseMap<const clang::Decl *,
                 llvm::SmallVector<const clang::FieldDecl *, 1>>
      Invoked;
};

/// How messages name a worker (SpawnSite::Worker): the function, or the
/// function a worker lambda is written in.
std::string getWorkerName(const clang::Decl *Fn);

/// The class whose member \p Fn is, looking out of lambdas written in a
/// member function; null for a free function.
const clang::CXXRecordDecl *getOwnerClass(const clang::Decl *Fn);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_STOREDTASKS_H
