//===--- CallSiteIndex.cpp - Who calls a function, who takes its address --===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/CallSiteIndex.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ctxloss::fixes {

static const FunctionDecl *key(const FunctionDecl *Fn) {
  if (const FunctionDecl *Pattern = Fn->getTemplateInstantiationPattern())
    Fn = Pattern;
  return Fn->getCanonicalDecl();
}

class CallSiteCollector : public RecursiveASTVisitor<CallSiteCollector> {
public:
  CallSiteCollector(CallSiteIndex &Index, const SourceManager &SM)
      : Index(Index), SM(SM) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    // System headers do not call the user's functions by name (they run
    // callables through pointers and templates), and they are most of a
    // translation unit: skip them.
    if (D && !isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    auto *Fn = dyn_cast_or_null<FunctionDecl>(D);
    if (Fn)
      Callers.push_back(Fn);
    bool Result = RecursiveASTVisitor::TraverseDecl(D);
    if (Fn)
      Callers.pop_back();
    return Result;
  }

  bool TraverseLambdaExpr(LambdaExpr *L) {
    Callers.push_back(L->getCallOperator());
    bool Result = RecursiveASTVisitor::TraverseLambdaExpr(L);
    Callers.pop_back();
    return Result;
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    Index.Calls[key(Callee)].push_back(
        {Call, Callers.empty() ? nullptr : Callers.back()});
    // The callee's name, so that VisitDeclRefExpr/VisitMemberExpr know it is
    // called rather than taken.
    const Expr *Name = Call->getCallee()->IgnoreParenImpCasts();
    if (const auto *Unary = dyn_cast<UnaryOperator>(Name))
      if (Unary->getOpcode() == UO_Deref)
        Name = Unary->getSubExpr()->IgnoreParenImpCasts();
    CalleeNames.insert(Name);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Fn = dyn_cast<FunctionDecl>(Ref->getDecl()))
      if (!CalleeNames.contains(Ref))
        Index.OtherUses[key(Fn)].push_back(Ref);
    return true;
  }

  bool VisitMemberExpr(MemberExpr *Member) {
    if (const auto *Fn = dyn_cast<FunctionDecl>(Member->getMemberDecl()))
      if (!CalleeNames.contains(Member))
        Index.OtherUses[key(Fn)].push_back(Member);
    return true;
  }

  bool VisitOverloadExpr(OverloadExpr *E) {
    // A dependent call or use in a template: whatever it resolves to is
    // neither seen nor updated.
    for (const NamedDecl *D : E->decls()) {
      const auto *Fn = dyn_cast<FunctionDecl>(D->getUnderlyingDecl());
      if (const auto *Template =
              dyn_cast<FunctionTemplateDecl>(D->getUnderlyingDecl()))
        Fn = Template->getTemplatedDecl();
      if (Fn)
        Index.OtherUses[key(Fn)].push_back(E);
    }
    return true;
  }

private:
  CallSiteIndex &Index;
  const SourceManager &SM;
  llvm::SmallVector<const FunctionDecl *, 8> Callers;
  llvm::SmallPtrSet<const Expr *, 32> CalleeNames;
};

CallSiteIndex::CallSiteIndex(ASTContext &Ctx) {
  CallSiteCollector Collector(*this, Ctx.getSourceManager());
  Collector.TraverseAST(Ctx);
}

llvm::ArrayRef<CallSiteIndex::CallSite>
CallSiteIndex::callsOf(const FunctionDecl *Fn) const {
  auto It = Calls.find(key(Fn));
  if (It == Calls.end())
    return {};
  return It->second;
}

llvm::ArrayRef<const Expr *>
CallSiteIndex::otherUsesOf(const FunctionDecl *Fn) const {
  auto It = OtherUses.find(key(Fn));
  if (It == OtherUses.end())
    return {};
  return It->second;
}

} // namespace ctxloss::fixes
