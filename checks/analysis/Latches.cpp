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

/// Whether \p E hands \p Sync on by reference: `std::ref(Sync)` or
/// `&Sync`.
static bool handsOn(const Expr *E, const VarDecl *Sync) {
  E = E->IgnoreParenImpCasts();
  while (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
    E = Temp->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    E = Bind->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Fn = Call->getDirectCallee();
    if (!Fn || !Fn->isInStdNamespace() || !Fn->getIdentifier() ||
        Fn->getName() != "ref" || Call->getNumArgs() != 1)
      return false;
    E = Call->getArg(0)->IgnoreParenImpCasts();
  } else if (const auto *AddrOf = dyn_cast<UnaryOperator>(E)) {
    if (AddrOf->getOpcode() != UO_AddrOf)
      return false;
    E = AddrOf->getSubExpr()->IgnoreParenImpCasts();
  } else {
    return false;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref && Ref->getDecl() == Sync;
}

/// The boundaries that call the callable with the arguments written after
/// it (`std::thread T(work, std::ref(Done))`).
static bool passesTrailingArgs(StringRef Boundary) {
  return llvm::is_contained(
      {"std::thread", "std::jthread", "boost::thread", "std::async"}, Boundary);
}

/// The parameter of \p Entry that receives \p Sync, handed on by
/// reference after \p Callable in the spawn \p Spawn; null otherwise.
static const ParmVarDecl *paramReceiving(const SpawnSite &Spawn,
                                         const Expr *Callable,
                                         const FunctionDecl *Entry,
                                         const VarDecl *Sync) {
  if (!passesTrailingArgs(Spawn.Boundary))
    return nullptr;
  llvm::ArrayRef<const Expr *> Args;
  if (const auto *Call = dyn_cast<CallExpr>(Spawn.Call))
    Args = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
  else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Spawn.Call))
    Args = llvm::ArrayRef(Ctor->getArgs(), Ctor->getNumArgs());
  const auto *At = llvm::find(Args, Callable);
  if (At == Args.end())
    return nullptr;
  Args = Args.drop_front(At - Args.begin() + 1);
  // A `std::jthread` passes its stop token first when the callable takes
  // one more parameter.
  unsigned Shift = Spawn.Boundary == "std::jthread" &&
                           Entry->getNumParams() == Args.size() + 1
                       ? 1
                       : 0;
  for (unsigned I = 0; I < Args.size(); ++I)
    if (handsOn(Args[I], Sync) && I + Shift < Entry->getNumParams())
      return Entry->getParamDecl(I + Shift);
  return nullptr;
}

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
    // Handed to the task as an argument: the arrival is on the parameter.
    if (const ParmVarDecl *Param =
            paramReceiving(Spawn, Callable, Entry, Sync)) {
      ArrivalFinder ByParam(Param, Kind);
      ByParam.TraverseStmt(Entry->getBody());
      if (ByParam.Found)
        return true;
    }
  }
  return false;
}

} // namespace ctxloss
