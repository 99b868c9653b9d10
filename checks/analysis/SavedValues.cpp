//===--- SavedValues.cpp - Values kept aside and branches on them ---------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/SavedValues.h"
#include "checks/analysis/ContextStorage.h"
#include "checks/analysis/FunctionSummary.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ctxloss {

const Expr *writtenValue(const Stmt *At) {
  if (const auto *Assign = dyn_cast<BinaryOperator>(At))
    return Assign->getOpcode() == BO_Assign ? Assign->getRHS() : nullptr;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(At))
    return Op->getOperator() == OO_Equal && Op->getNumArgs() == 2
               ? Op->getArg(1)
               : nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(At)) {
    for (unsigned I = Call->getNumArgs(); I > 0; --I)
      if (!isa<CXXDefaultArgExpr>(Call->getArg(I - 1)))
        return Call->getArg(I - 1);
  }
  return nullptr;
}

const Expr *stripValue(const Expr *E) {
  // The engine's copies and temporaries (stripCopies), then what else may
  // stand around a saved value: a functional cast, a converting
  // constructor, std::move or std::forward.
  while (E) {
    E = stripCopies(E);
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E);
             Ctor && Ctor->getNumArgs() == 1 &&
             !isa<CXXTemporaryObjectExpr>(Ctor))
      E = Ctor->getArg(0);
    else if (const auto *Call = dyn_cast<CallExpr>(E);
             Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
             Call->getDirectCallee()->isInStdNamespace() &&
             Call->getDirectCallee()->getIdentifier() &&
             llvm::is_contained({"move", "forward"},
                                Call->getDirectCallee()->getName()))
      E = Call->getArg(0);
    else
      return E;
  }
  return E;
}

/// The variable or field \p E names, bare.
static const ValueDecl *namedVariable(const Expr *E) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(Ref->getDecl());
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E);
      Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return dyn_cast<FieldDecl>(Member->getMemberDecl());
  return nullptr;
}

namespace {
/// The assignments to one variable in a body, outside the lambdas written
/// there; and whether something else changes it.
struct Assignments {
  const ValueDecl *Var;
  llvm::SmallVector<const Expr *, 2> Values;
  bool Changed = false;

  void scan(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *Assign = dyn_cast<BinaryOperator>(S)) {
      if (Assign->isAssignmentOp() && namedVariable(Assign->getLHS()) == Var) {
        if (Assign->getOpcode() == BO_Assign)
          Values.push_back(Assign->getRHS());
        else
          Changed = true;
      }
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (Op->isAssignmentOp() && Op->getNumArgs() == 2 &&
          namedVariable(Op->getArg(0)) == Var) {
        if (Op->getOperator() == OO_Equal)
          Values.push_back(Op->getArg(1));
        else
          Changed = true;
      }
    } else if (const auto *Unary = dyn_cast<UnaryOperator>(S)) {
      if ((Unary->isIncrementDecrementOp() ||
           Unary->getOpcode() == UO_AddrOf) &&
          namedVariable(Unary->getSubExpr()) == Var)
        Changed = true;
    }
    for (const Stmt *Child : S->children())
      scan(Child);
  }
};
} // namespace

bool localValues(const Stmt *Body, const Expr *Value,
                 llvm::SmallVectorImpl<const Expr *> &Given) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripValue(Value));
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
      Var->getType()->isReferenceType())
    return false;
  Assignments Found{Var, {}, false};
  Found.scan(Body);
  if (Found.Changed)
    return false;
  if (Found.Values.empty()) {
    if (!Var->getInit())
      return false;
    Given.push_back(Var->getInit());
  } else {
    Given.append(Found.Values.begin(), Found.Values.end());
  }
  return true;
}

bool isSameValue(const Expr *A, const Expr *B, const ASTContext &Ctx) {
  A = stripValue(A);
  B = stripValue(B);
  if (!A || !B || A->isValueDependent() || B->isValueDependent())
    return false;
  if (Expr::isSameComparisonOperand(A, B))
    return true;
  Expr::EvalResult L;
  Expr::EvalResult R;
  return A->getType()->isIntegralOrEnumerationType() &&
         B->getType()->isIntegralOrEnumerationType() &&
         A->EvaluateAsInt(L, Ctx) && B->EvaluateAsInt(R, Ctx) &&
         llvm::APSInt::isSameValue(L.Val.getInt(), R.Val.getInt());
}

std::optional<EqualityBranch> getEqualityBranch(const Expr *Cond) {
  if (!Cond)
    return std::nullopt;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(Cond))
    Cond = Rewritten->getSemanticForm()->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<BinaryOperator>(Cond); Op && Op->isEqualityOp())
    return EqualityBranch{Op->getLHS(), Op->getRHS(),
                          Op->getOpcode() == BO_EQ ? 0U : 1U};
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond);
      Op && Op->getNumArgs() == 2 &&
      (Op->getOperator() == OO_EqualEqual ||
       Op->getOperator() == OO_ExclaimEqual))
    return EqualityBranch{Op->getArg(0), Op->getArg(1),
                          Op->getOperator() == OO_EqualEqual ? 0U : 1U};
  return std::nullopt;
}

std::optional<AssumedCondition> getPlainCondition(const Expr *Cond) {
  bool Value = true;
  while (Cond) {
    Cond = Cond->IgnoreParenImpCasts();
    const auto *Not = dyn_cast<UnaryOperator>(Cond);
    if (!Not || Not->getOpcode() != UO_LNot)
      break;
    Value = !Value;
    Cond = Not->getSubExpr();
  }
  const ValueDecl *Var = namedVariable(Cond);
  if (!Var || !Var->getType()->isScalarType())
    return std::nullopt;
  return AssumedCondition{Var, Value};
}

void getConditionsAround(const Stmt *Body, const Stmt *At,
                         const SourceManager &SM,
                         llvm::SmallVectorImpl<AssumedCondition> &Out) {
  // Down from the body through the statements around At: no parent map.
  for (const Stmt *S = Body; S && S != At;) {
    if (const auto *If = dyn_cast<IfStmt>(S);
        If && !If->getConditionVariable() && !If->getInit()) {
      std::optional<AssumedCondition> Cond = getPlainCondition(If->getCond());
      bool InThen = If->getThen() && isWrittenWithin(SM, If->getThen(), At);
      bool InElse = If->getElse() && isWrittenWithin(SM, If->getElse(), At);
      if (Cond && (InThen || InElse)) {
        Assignments Found{Cond->Var, {}, false};
        Found.scan(Body);
        if (Found.Values.empty() && !Found.Changed)
          Out.push_back({Cond->Var, InThen == Cond->Value});
      }
    }
    const Stmt *Next = nullptr;
    for (const Stmt *Child : S->children())
      if (Child && !isa<LambdaExpr>(Child) && isWrittenWithin(SM, Child, At)) {
        Next = Child;
        break;
      }
    S = Next;
  }
}

} // namespace ctxloss
