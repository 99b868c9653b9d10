//===--- VariableWrites.cpp - Does a body change a variable ---------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/VariableWrites.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include <cstdint>
#include <optional>

using namespace clang;

namespace ctxloss::fixes {

/// True when a parameter or variable of type \p T bound to the variable
/// could change it: a reference to non-const.
static bool bindsMutably(QualType T) {
  if (T.isNull() || T->isDependentType())
    return true;
  if (!T->isReferenceType())
    return false;
  return !T->getPointeeType().isConstQualified();
}

/// Whether the argument at \p Index of a call to \p Callee may be changed
/// by the call; unknown callees may change it.
static bool argumentMayChange(const FunctionDecl *Callee, unsigned Index) {
  if (!Callee)
    return true;
  if (Index >= Callee->getNumParams())
    return false; // Passed through `...`: by value.
  return bindsMutably(Callee->getParamDecl(Index)->getType());
}

template <typename Range>
static std::optional<unsigned> indexOf(Range Args, const Stmt *Child) {
  unsigned I = 0;
  for (const Expr *Arg : Args) {
    if (Arg == Child)
      return I;
    ++I;
  }
  return std::nullopt;
}

/// A non-const member with a const overload of the same name and arity is
/// an accessor (`operator[]`, `begin`, `at`, `data`): its result designates
/// a part of the object, and how that is used decides.
static bool hasConstOverload(const CXXMethodDecl *Method) {
  if (Method->isConst())
    return true;
  for (const NamedDecl *D :
       Method->getParent()->lookup(Method->getDeclName())) {
    const auto *Other = dyn_cast<CXXMethodDecl>(D);
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      Other = dyn_cast<CXXMethodDecl>(Template->getTemplatedDecl());
    if (Other && Other->isConst() &&
        Other->getNumParams() == Method->getNumParams())
      return true;
  }
  return false;
}

enum class Use : std::uint8_t { Read, Write, Up };

/// A call of \p Method on the variable: a const member reads it, an
/// accessor hands out a part of it, anything else may change it.
static Use memberCall(const CXXMethodDecl *Method) {
  if (Method->isConst() || Method->isStatic())
    return Use::Read;
  return hasConstOverload(Method) ? Use::Up : Use::Write;
}

/// How \p Parent uses its child \p Child, an expression that designates the
/// variable (or a field of it): Up when the parent designates it too.
static Use classify(const Stmt *Parent, const Stmt *Child) {
  if (isa<ParenExpr, ExprWithCleanups, ConditionalOperator>(Parent))
    return Use::Up;
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Parent)) {
    switch (Cast->getCastKind()) {
    case CK_LValueToRValue:
    case CK_ToVoid:
      return Use::Read;
    case CK_NoOp:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
      return Use::Up;
    default:
      return Use::Write; // Array decay and the like: a handle on the object.
    }
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Parent))
    return bindsMutably(Cast->getTypeAsWritten()) &&
                   Cast->getTypeAsWritten()->isReferenceType()
               ? Use::Write
               : Use::Read;
  if (const auto *Member = dyn_cast<MemberExpr>(Parent)) {
    if (Member->isArrow())
      return Use::Read; // The pointee changes, not the variable.
    // A method call continues at the CXXMemberCallExpr above.
    if (isa<CXXMethodDecl>(Member->getMemberDecl()))
      return Use::Up;
    return Use::Up; // A field of the variable.
  }
  if (const auto *Binary = dyn_cast<BinaryOperator>(Parent))
    return Binary->isAssignmentOp() && Binary->getLHS() == Child ? Use::Write
                                                                 : Use::Read;
  if (const auto *Unary = dyn_cast<UnaryOperator>(Parent)) {
    if (Unary->isIncrementDecrementOp() || Unary->getOpcode() == UO_AddrOf)
      return Use::Write;
    return Use::Read;
  }
  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Parent)) {
    const auto *Method = MemberCall->getMethodDecl();
    if (MemberCall->getCallee() == Child) // `var.method` being called.
      return Method ? memberCall(Method) : Use::Write;
    std::optional<unsigned> Index = indexOf(MemberCall->arguments(), Child);
    return Index && argumentMayChange(Method, *Index) ? Use::Write : Use::Read;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Parent)) {
    std::optional<unsigned> Index = indexOf(Op->arguments(), Child);
    if (!Index)
      return Use::Read; // The callee expression.
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
    if (Method) {
      if (*Index == 0)
        return memberCall(Method);
      return argumentMayChange(Method, *Index - 1) ? Use::Write : Use::Read;
    }
    return argumentMayChange(Op->getDirectCallee(), *Index) ? Use::Write
                                                            : Use::Read;
  }
  if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
    std::optional<unsigned> Index = indexOf(Call->arguments(), Child);
    if (!Index)
      return Use::Read;
    return argumentMayChange(Call->getDirectCallee(), *Index) ? Use::Write
                                                              : Use::Read;
  }
  if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Parent)) {
    std::optional<unsigned> Index = indexOf(Ctor->arguments(), Child);
    return Index && argumentMayChange(Ctor->getConstructor(), *Index)
               ? Use::Write
               : Use::Read;
  }
  if (const auto *Decls = dyn_cast<DeclStmt>(Parent)) {
    for (const Decl *D : Decls->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && VD->getInit() == Child && bindsMutably(VD->getType()))
        return Use::Write;
    return Use::Read;
  }
  if (isa<ReturnStmt, InitListExpr, UnaryExprOrTypeTraitExpr, CXXTypeidExpr,
          MaterializeTemporaryExpr, CompoundStmt>(Parent))
    return Use::Read;
  // Dependent expressions and anything else: it may change it.
  return Use::Write;
}

namespace {

class WriteFinder : public RecursiveASTVisitor<WriteFinder> {
public:
  explicit WriteFinder(const VarDecl *Var) : Var(Var->getCanonicalDecl()) {}

  bool TraverseStmt(Stmt *S) {
    if (!S)
      return true;
    Parents.push_back(S);
    bool Continue = RecursiveASTVisitor::TraverseStmt(S);
    Parents.pop_back();
    return Continue;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD || VD->getCanonicalDecl() != Var)
      return true;
    const Stmt *Child = Ref;
    // Parents.back() is Ref itself.
    for (size_t I = Parents.size() - 1; I-- > 0;) {
      Use U = classify(Parents[I], Child);
      if (U == Use::Read)
        return true;
      if (U == Use::Write) {
        Found = Ref;
        return false;
      }
      Child = Parents[I];
    }
    return true;
  }

  const DeclRefExpr *Found = nullptr;

private:
  const VarDecl *Var;
  llvm::SmallVector<const Stmt *, 16> Parents;
};

} // namespace

const DeclRefExpr *findWrite(const Stmt *Body, const VarDecl *Var) {
  if (!Body)
    return nullptr;
  WriteFinder Finder(Var);
  Finder.TraverseStmt(const_cast<Stmt *>(Body));
  return Finder.Found;
}

} // namespace ctxloss::fixes
