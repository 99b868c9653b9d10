//===--- Reachability.h - Shortest call paths to context reads --*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// For one context variable, finds every function from which a read of it is
/// reachable through calls, with the first step of a shortest such path. It
/// is one breadth-first search backwards from the readers over the reversed
/// call graph: linear in the size of the graph, iterative (no recursion, so
/// chains of any length are safe), and deterministic (ties go to the caller
/// and call site met first).
///
/// A read, or a call leading to one, does not count when a write of the
/// variable dominates it in the same function: the function established the
/// value itself.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_REACHABILITY_H
#define CTXLOSS_ANALYSIS_REACHABILITY_H

#include "checks/analysis/FunctionSummary.h"
#include "checks/analysis/RestoreAnalysis.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace ctxloss {

/// One step of a path towards a read: either the read itself (Call is null)
/// or the call to take next.
struct ReadStep {
  unsigned Distance = 0;
  const CallEdge *Call = nullptr;
  const ContextRead *Read = nullptr;
};

/// The call graph over a set of summaries, with the reverse edges indexed.
class CallGraphIndex {
public:
  explicit CallGraphIndex(llvm::ArrayRef<const FunctionSummary *> Summaries);

  struct Caller {
    const FunctionSummary *Summary;
    const CallEdge *Edge;
  };
  llvm::ArrayRef<Caller> callersOf(const clang::Decl *Fn) const;
  llvm::ArrayRef<const FunctionSummary *> summaries() const {
    return Summaries;
  }

private:
  llvm::SmallVector<const FunctionSummary *, 0> Summaries;
  llvm::DenseMap<const clang::Decl *, llvm::SmallVector<Caller, 2>> Callers;
};

using ReadPaths = llvm::DenseMap<const clang::Decl *, ReadStep>;

/// The functions that leave \p Key written, directly or through the functions
/// they call.
WriterSet findWriters(ContextKey Key, const CallGraphIndex &Graph);

/// Computes, for \p Key, the step towards its nearest unrestored read from
/// every function that can reach one.
/// Reads that \p Counts rejects (a logging call whose pattern does not print
/// the context) are skipped.
ReadPaths findReadPaths(ContextKey Key, const CallGraphIndex &Graph,
                        const WriterSet &Writers, RestoreAnalysis &Restores,
                        llvm::function_ref<bool(const ContextRead &)> Counts);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_REACHABILITY_H
