//===--- ParamRoles.cpp - What functions do with callable params ----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/ParamRoles.h"
#include "checks/analysis/CallableResolver.h"
#include "checks/analysis/Reachability.h"
#include "clang/AST/ExprCXX.h"
#include <deque>

using namespace clang;

namespace ctxloss {

unsigned getParamIndex(const ParmVarDecl *Param) {
  return Param->getFunctionScopeIndex();
}

/// Whether \p Param is a parameter of \p D, a function.
static bool isParamOf(const ParmVarDecl *Param, const Decl *D) {
  const auto *Fn = dyn_cast<FunctionDecl>(D);
  if (!Fn)
    return false;
  const auto *Owner = dyn_cast<FunctionDecl>(Param->getDeclContext());
  return Owner && Owner->getCanonicalDecl() == Fn->getCanonicalDecl() &&
         Param->getFunctionScopeIndex() < Fn->getNumParams() &&
         Fn->getParamDecl(Param->getFunctionScopeIndex()) == Param;
}

llvm::ArrayRef<const SpawnedParam *> ParamRoles::spawns(const FunctionDecl *Fn,
                                                        unsigned Index) const {
  auto It = Spawned.find({Fn, Index});
  if (It == Spawned.end())
    return {};
  return It->second;
}

void ParamRoles::compute(llvm::ArrayRef<const FunctionSummary *> All,
                         const SummaryLookup &Lookup,
                         llvm::ArrayRef<SpawnedParam> External) {
  // Callers of each function, for propagating facts upwards.
  CallGraphIndex Graph(All);

  std::deque<const FunctionDecl *> Changed;
  auto AddSpawn = [&](SpawnedParam Fact) {
    Key K{Fact.Fn, Fact.Index};
    auto &List = Spawned[K];
    if (!List.empty() && List.size() >= 4)
      return; // A few ways are enough to report; keep it linear.
    Storage.push_back(std::make_unique<SpawnedParam>(Fact));
    List.push_back(Storage.back().get());
    Changed.push_back(Fact.Fn);
  };
  auto AddInvoke = [&](const FunctionDecl *Fn, unsigned Index) {
    if (Invoked.insert({Fn, Index}).second)
      Changed.push_back(Fn);
  };

  // Facts visible in one body.
  for (const FunctionSummary *S : All) {
    for (const ParamInvocation &I : S->Invocations)
      if (isParamOf(I.Param, S->Fn))
        AddInvoke(cast<FunctionDecl>(S->Fn), getParamIndex(I.Param));
    for (const SpawnSite &Spawn : S->Spawns) {
      for (const Expr *Callable : Spawn.Callables) {
        if (const ParmVarDecl *Param = getCallableParam(Callable)) {
          if (isParamOf(Param, S->Fn))
            AddSpawn({cast<FunctionDecl>(S->Fn), getParamIndex(Param), &Spawn});
          continue;
        }
        // A spawned lambda that calls one of our parameters.
        const LambdaExpr *Lambda = getLambda(Callable);
        if (!Lambda)
          continue;
        const FunctionSummary *L =
            Lookup(getDefinitionWithBody(Lambda->getCallOperator()));
        if (!L)
          continue;
        for (const ParamInvocation &I : L->Invocations)
          if (isParamOf(I.Param, S->Fn))
            AddSpawn({cast<FunctionDecl>(S->Fn), getParamIndex(I.Param), &Spawn,
                      nullptr, nullptr, L, I.Site});
      }
    }
  }

  // Facts that flow from a callee to a caller passing its own parameter.
  llvm::DenseSet<std::pair<const CallEdge *, const SpawnedParam *>> Done;
  auto Forward = [&](const FunctionSummary *S, const CallEdge *Edge,
                     const FunctionDecl *Callee) {
    const auto *Call = dyn_cast<CallExpr>(Edge->Site);
    // A callable passed through a standard algorithm is not our argument.
    if (!Call || Edge->Through)
      return;
    unsigned Offset = isa<CXXOperatorCallExpr>(Call) &&
                              isa<CXXMethodDecl>(Callee) &&
                              !cast<CXXMethodDecl>(Callee)->isStatic()
                          ? 1
                          : 0;
    for (unsigned Arg = Offset; Arg < Call->getNumArgs(); ++Arg) {
      const ParmVarDecl *Param = getCallableParam(Call->getArg(Arg));
      if (!Param || !isParamOf(Param, S->Fn))
        continue;
      unsigned CalleeIndex = Arg - Offset;
      if (invokes(Callee, CalleeIndex))
        AddInvoke(cast<FunctionDecl>(S->Fn), getParamIndex(Param));
      // Copied: adding facts may grow the map the list lives in.
      llvm::SmallVector<const SpawnedParam *, 4> Facts(
          spawns(Callee, CalleeIndex));
      for (const SpawnedParam *Fact : Facts)
        if (Done.insert({Edge, Fact}).second)
          AddSpawn({cast<FunctionDecl>(S->Fn), getParamIndex(Param), nullptr,
                    Call, Fact});
    }
  };

  // Functions defined elsewhere that spawn a parameter, and the bodies
  // here that hand them their own.
  if (!External.empty()) {
    for (const SpawnedParam &Fact : External)
      AddSpawn(Fact);
    for (const FunctionSummary *S : All)
      for (const CallEdge &Edge : S->ExternalCalls)
        Forward(S, &Edge, Edge.Callee);
  }

  while (!Changed.empty()) {
    const FunctionDecl *Callee = Changed.front();
    Changed.pop_front();
    for (auto [S, Edge] : Graph.callersOf(Callee))
      Forward(S, Edge, Callee);
  }
}

} // namespace ctxloss
