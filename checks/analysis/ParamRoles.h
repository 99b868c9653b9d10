//===--- ParamRoles.h - What functions do with callable params --*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Infers, for each function, which of its callable parameters it runs on
/// the calling thread (invokes) and which it hands to a spawn boundary
/// (spawns). A function that spawns a parameter is a spawn boundary for that
/// parameter: `run_with_timeout(fn, 300s)` built on `std::async` and
/// `wait_for`. The facts flow through any number of helpers (a helper that
/// passes its parameter to another helper) by a worklist over the callers,
/// linear in the size of the call graph.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_PARAMROLES_H
#define CTXLOSS_ANALYSIS_PARAMROLES_H

#include "checks/analysis/FunctionSummary.h"
#include "checks/analysis/ProgramAnalysis.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <functional>

namespace ctxloss {

/// How a function hands one of its parameters to a new task.
struct SpawnedParam {
  const clang::FunctionDecl *Fn; ///< The function spawning its parameter.
  unsigned Index;                ///< Which parameter.
  /// The spawn in Fn, when Fn spawns the parameter itself.
  const SpawnSite *Spawn = nullptr;
  /// The call in Fn that passes the parameter to another spawning function,
  /// and that function's fact.
  const clang::Expr *ForwardCall = nullptr;
  const SpawnedParam *Next = nullptr;
  /// When the spawned callable is a lambda that calls the parameter: the
  /// lambda's summary and the call. A restore in the lambda that dominates
  /// the call carries the context over (a propagating helper).
  const FunctionSummary *Wrapper = nullptr;
  const clang::Expr *InvokeSite = nullptr;
  /// When Fn's body is not in the translation unit: what the program
  /// summary says it does with the parameter. Spawn is then a stand-in
  /// with the real boundary's name and the keys it carries, at the first
  /// call of Fn.
  const ProgramSpawn *External = nullptr;

  /// The spawn at the end of the chain.
  const SpawnSite &underlyingSpawn() const {
    const SpawnedParam *P = this;
    while (P->Next)
      P = P->Next;
    return *P->Spawn;
  }
};

class ParamRoles {
public:
  using SummaryLookup =
      std::function<const FunctionSummary *(const clang::FunctionDecl *)>;

  /// Computes the roles over \p All; \p Lookup finds a callee's summary.
  /// \p External are the facts of functions whose body is elsewhere (from
  /// the program summary); they flow to the callers that forward their
  /// own parameter to such a function, as local facts do.
  void compute(llvm::ArrayRef<const FunctionSummary *> All,
               const SummaryLookup &Lookup,
               llvm::ArrayRef<SpawnedParam> External = {});

  bool invokes(const clang::FunctionDecl *Fn, unsigned Index) const {
    return Invoked.contains({Fn, Index});
  }
  /// The ways \p Fn spawns parameter \p Index, in discovery order.
  llvm::ArrayRef<const SpawnedParam *> spawns(const clang::FunctionDecl *Fn,
                                              unsigned Index) const;

private:
  using Key = std::pair<const clang::FunctionDecl *, unsigned>;
  llvm::DenseSet<Key> Invoked;
  llvm::DenseMap<Key, llvm::SmallVector<const SpawnedParam *, 1>> Spawned;
  std::vector<std::unique_ptr<SpawnedParam>> Storage;
};

/// The index of \p Param among its function's parameters.
unsigned getParamIndex(const clang::ParmVarDecl *Param);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_PARAMROLES_H
