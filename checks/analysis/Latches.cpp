//===--- Latches.cpp - Latches and barriers a task arrives at -------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/Latches.h"
#include "checks/analysis/CallableResolver.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace ctxloss {

SyncKind getSyncKind(const VarDecl *Var) {
  if (!Var)
    return SyncKind::None;
  const CXXRecordDecl *Class =
      Var->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Class || !Class->getIdentifier())
    return SyncKind::None;
  const auto *Namespace =
      dyn_cast<NamespaceDecl>(Class->getEnclosingNamespaceContext());
  bool Std = Class->isInStdNamespace();
  bool Boost = Namespace && Namespace->getIdentifier() &&
               Namespace->getName() == "boost" &&
               Namespace->getParent()->isTranslationUnit();
  if (!Std && !Boost)
    return SyncKind::None;
  StringRef Name = Class->getName();
  if (Name == "latch")
    return SyncKind::Latch;
  if (Name == "barrier")
    return SyncKind::Barrier;
  return SyncKind::None;
}

bool isSyncWait(SyncKind Kind, StringRef Method) {
  switch (Kind) {
  case SyncKind::Latch:
    return llvm::is_contained({"wait", "arrive_and_wait", "count_down_and_wait",
                               "wait_for", "wait_until"},
                              Method);
  case SyncKind::Barrier:
    return llvm::is_contained(
        {"wait", "arrive_and_wait", "count_down_and_wait"}, Method);
  case SyncKind::None:
    break;
  }
  return false;
}

bool isSyncArrival(SyncKind Kind, StringRef Method) {
  switch (Kind) {
  case SyncKind::Latch:
    return llvm::is_contained(
        {"count_down", "arrive_and_wait", "count_down_and_wait"}, Method);
  case SyncKind::Barrier:
    // `boost::barrier::wait` arrives and waits.
    return llvm::is_contained({"arrive", "arrive_and_wait", "arrive_and_drop",
                               "count_down_and_wait", "wait"},
                              Method);
  case SyncKind::None:
    break;
  }
  return false;
}

namespace {

/// Finds an arrival at one latch or barrier in a body.
class ArrivalFinder : public RecursiveASTVisitor<ArrivalFinder> {
public:
  ArrivalFinder(const VarDecl *Sync, SyncKind Kind) : Sync(Sync), Kind(Kind) {}

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *E) {
    const CXXMethodDecl *Method = E->getMethodDecl();
    if (!Method || !Method->getIdentifier() ||
        !isSyncArrival(Kind, Method->getName()))
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(
        E->getImplicitObjectArgument()->IgnoreParenImpCasts());
    if (Ref && Ref->getDecl() == Sync)
      Found = true;
    return !Found;
  }

  bool Found = false;

private:
  const VarDecl *Sync;
  SyncKind Kind;
};

} // namespace

bool taskArrivesAt(const SpawnSite &Spawn, const VarDecl *Sync, SyncKind Kind) {
  for (const Expr *Callable : Spawn.Callables) {
    const FunctionDecl *Entry = nullptr;
    if (const LambdaExpr *Lambda = getLambda(Callable))
      Entry = Lambda->getCallOperator();
    else if (const FunctionDecl *Named = getNamedFunction(Callable))
      Entry = getDefinitionWithBody(Named);
    if (!Entry || !Entry->getBody())
      continue;
    ArrivalFinder Finder(Sync, Kind);
    Finder.TraverseStmt(Entry->getBody());
    if (Finder.Found)
      return true;
  }
  return false;
}

} // namespace ctxloss
