//===--- BodyScan.cpp - What a function body does with a variable ---------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/BodyScan.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace ctxloss::fixes {

namespace {

class UseScanner : public RecursiveASTVisitor<UseScanner> {
public:
  UseScanner(const VarDecl *Var, VariableUses &Uses)
      : Var(Var->getCanonicalDecl()), Uses(Uses) {}

  bool TraverseLambdaExpr(LambdaExpr *L) {
    ++LambdaDepth;
    bool Result = RecursiveASTVisitor::TraverseLambdaExpr(L);
    --LambdaDepth;
    return Result;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD || VD->getCanonicalDecl() != Var)
      return true;
    Uses.Refs.push_back(Ref);
    if (LambdaDepth > 0 && !Uses.InNestedLambda)
      Uses.InNestedLambda = Ref;
    return true;
  }

private:
  const VarDecl *Var;
  VariableUses &Uses;
  unsigned LambdaDepth = 0;
};

class NameScanner : public RecursiveASTVisitor<NameScanner> {
public:
  explicit NameScanner(llvm::StringSet<> &Names) : Names(Names) {}
  bool VisitNamedDecl(NamedDecl *D) {
    if (D->getIdentifier())
      Names.insert(D->getName());
    return true;
  }

private:
  llvm::StringSet<> &Names;
};

} // namespace

llvm::StringSet<> declaredNames(const Stmt *Body) {
  llvm::StringSet<> Names;
  if (Body)
    NameScanner(Names).TraverseStmt(const_cast<Stmt *>(Body));
  return Names;
}

VariableUses scanBody(const Stmt *Body, const VarDecl *Var) {
  VariableUses Uses;
  if (Body)
    UseScanner(Var, Uses).TraverseStmt(const_cast<Stmt *>(Body));
  return Uses;
}

} // namespace ctxloss::fixes
