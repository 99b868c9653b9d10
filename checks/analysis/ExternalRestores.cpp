//===--- ExternalRestores.cpp - Restores by code the TU lacks -------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/ExternalRestores.h"
#include "checks/analysis/ContextStorage.h"
#include "checks/analysis/ProgramAnalysis.h"
#include "checks/analysis/SummaryExport.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringMap.h"

using namespace clang;

namespace ctxloss {

/// \p E without the copies, moves, `std::move`s and `std::ref`s around a
/// named value.
static const Expr *namedValue(const Expr *E) {
  while (E) {
    E = stripCopies(E);
    const auto *Call = dyn_cast<CallExpr>(E);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier() ||
        Call->getNumArgs() != 1 ||
        !llvm::is_contained({"move", "forward", "ref", "cref"},
                            Callee->getName()))
      return E;
    E = Call->getArg(0);
  }
  return E;
}

void snapshotKeysOf(const Expr *Arg,
                    const llvm::DenseMap<const Expr *, ContextKey> &ReadAt,
                    llvm::SmallVectorImpl<ContextKey> &Out) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(Arg ? namedValue(Arg) : nullptr);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  // A parameter's value comes from the caller, a thread-local's is the
  // current one: only a local copy is a snapshot.
  if (!Var || isa<ParmVarDecl>(Var) || isThreadLocal(Var) ||
      (!Var->isInitCapture() && !Var->hasLocalStorage()) || !Var->getInit())
    return;
  llvm::SmallVector<const Stmt *, 8> Work = {Var->getInit()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *E = dyn_cast<Expr>(S)) {
      auto It = ReadAt.find(E);
      if (It != ReadAt.end()) {
        if (!llvm::is_contained(Out, It->second))
          Out.push_back(It->second);
        continue;
      }
    }
    // Lambdas in the initialiser run later, elsewhere.
    if (isa<LambdaExpr>(S))
      continue;
    Work.append(S->child_begin(), S->child_end());
  }
}

/// The arguments a call hands its callee, the object of a member call
/// included.
static void argumentsOf(const Stmt *Site,
                        llvm::SmallVectorImpl<const Expr *> &Out) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Site))
    Out.push_back(Member->getImplicitObjectArgument());
  if (const auto *Call = dyn_cast<CallExpr>(Site))
    Out.append(Call->arg_begin(), Call->arg_end());
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Site))
    Out.append(Construct->arg_begin(), Construct->arg_end());
}

void snapshotKeysAt(const Stmt *Site,
                    const llvm::DenseMap<const Expr *, ContextKey> &ReadAt,
                    llvm::SmallVectorImpl<ContextKey> &Out) {
  llvm::SmallVector<const Expr *, 4> Args;
  argumentsOf(Site, Args);
  for (const Expr *Arg : Args)
    snapshotKeysOf(Arg, ReadAt, Out);
}

ExternalRestoreMap
findExternalRestores(llvm::ArrayRef<const FunctionSummary *> Summaries,
                     const ProgramReaders *Program,
                     llvm::ArrayRef<ContextKey> Keys) {
  ExternalRestoreMap Result;
  llvm::StringMap<ContextKey> ById;
  if (Program)
    for (ContextKey Key : Keys)
      ById.try_emplace(getKeyId(Key), Key);
  llvm::DenseMap<const Expr *, ContextKey> ReadAt;
  for (const FunctionSummary *S : Summaries)
    for (const ContextRead &R : S->Reads)
      ReadAt.try_emplace(R.Ref, R.Key);

  for (const FunctionSummary *S : Summaries) {
    for (const CallEdge &E : S->ExternalCalls) {
      const auto *Callee = dyn_cast_or_null<FunctionDecl>(E.Callee);
      if (!Callee || Callee->isInvalidDecl())
        continue;
      llvm::SmallVector<ContextKey, 1> Restored;
      std::string Id =
          Program ? Program->calleeId(getCalleeId(E)).str() : std::string();
      if (Program && Program->Functions.contains(Id)) {
        // Known code: what the program summary says it writes.
        auto It = Program->Writes.find(Id);
        if (It != Program->Writes.end())
          for (const std::string &KeyId : It->second)
            if (ContextKey Key = ById.lookup(KeyId))
              Restored.push_back(Key);
      } else {
        // Unknown code handed a snapshot: assumed to install it.
        snapshotKeysAt(E.Site, ReadAt, Restored);
      }
      if (!Restored.empty())
        Result[E.Site].append(Restored.begin(), Restored.end());
    }
  }
  return Result;
}

} // namespace ctxloss
