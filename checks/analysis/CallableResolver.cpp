//===--- CallableResolver.cpp - Which function a callable runs ------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/CallableResolver.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace ctxloss {

const FunctionDecl *getDefinitionWithBody(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def || Def->isDependentContext())
    return nullptr;
  return Def;
}

/// Type-erasing holders of a callable: constructing one from a callable
/// runs that callable when the holder is called.
static bool isCallableWrapper(const CXXRecordDecl *Class) {
  if (!Class || !Class->isInStdNamespace() || !Class->getIdentifier())
    return false;
  return llvm::is_contained(
      {"function", "move_only_function", "copyable_function", "packaged_task"},
      Class->getName());
}

/// Strips what wraps a callable argument without changing which function it
/// denotes: parentheses, implicit conversions, temporaries, copies and
/// moves, and `std::move`/`std::ref`/`std::cref`.
static const Expr *stripCallable(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Next)) {
      Next = Cleanups->getSubExpr();
    } else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Next)) {
      Next = Temp->getSubExpr();
    } else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Next)) {
      Next = Bind->getSubExpr();
    } else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Next)) {
      Next = Cast->getSubExpr();
    } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Next)) {
      if (Ctor->getNumArgs() == 1 && Ctor->getConstructor() &&
          (Ctor->getConstructor()->isCopyOrMoveConstructor() ||
           isCallableWrapper(Ctor->getConstructor()->getParent())))
        Next = Ctor->getArg(0);
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Next)) {
      // A captureless lambda converted to a function pointer.
      if (isa_and_nonnull<CXXConversionDecl>(Member->getMethodDecl()))
        Next = Member->getImplicitObjectArgument();
    } else if (const auto *Call = dyn_cast<CallExpr>(Next)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
          Call->getNumArgs() == 1 &&
          llvm::is_contained({"move", "ref", "cref", "forward"},
                             Callee->getName()))
        Next = Call->getArg(0);
    }
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

const LambdaExpr *getLambda(const Expr *E) {
  return dyn_cast_or_null<LambdaExpr>(stripCallable(E));
}

const FunctionDecl *getNamedFunction(const Expr *E) {
  E = stripCallable(E);
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(E))
    if (Unary->getOpcode() == UO_AddrOf)
      E = stripCallable(Unary->getSubExpr());
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return dyn_cast<FunctionDecl>(Ref->getDecl());
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
        Call->getNumArgs() > 0 &&
        llvm::is_contained({"bind", "bind_front", "bind_back"},
                           Callee->getName()))
      return getNamedFunction(Call->getArg(0));
  }
  return nullptr;
}

const ParmVarDecl *getCallableParam(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripCallable(E));
  return Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
}

static void addCallOperators(const CXXRecordDecl *Class,
                             llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  if (!Class || !Class->hasDefinition())
    return;
  Class = Class->getDefinition();
  for (const Decl *D : Class->decls()) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(D)) {
      if (Method->getOverloadedOperator() == OO_Call)
        if (const FunctionDecl *Def = getDefinitionWithBody(Method))
          Out.push_back(Def);
    } else if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D)) {
      if (Template->getTemplatedDecl()->getOverloadedOperator() != OO_Call)
        continue;
      for (const FunctionDecl *Spec : Template->specializations())
        if (const FunctionDecl *Def = getDefinitionWithBody(Spec))
          Out.push_back(Def);
    }
  }
}

static void resolve(const Expr *E,
                    llvm::SmallVectorImpl<const FunctionDecl *> &Out,
                    unsigned Depth) {
  // Variables initialised from variables: follow a few, never a cycle.
  if (!E || Depth > 4)
    return;
  E = stripCallable(E);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    addCallOperators(Lambda->getLambdaClass(), Out);
    return;
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
    if (Unary->getOpcode() == UO_AddrOf)
      resolve(Unary->getSubExpr(), Out, Depth);
    return;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Fn = dyn_cast<FunctionDecl>(Ref->getDecl())) {
      if (const FunctionDecl *Def = getDefinitionWithBody(Fn))
        Out.push_back(Def);
      return;
    }
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
      if (const CXXRecordDecl *Class =
              Var->getType().getNonReferenceType()->getAsCXXRecordDecl()) {
        addCallOperators(Class, Out);
        return;
      }
      // A local function pointer initialised once: follow the initialiser.
      if (!isa<ParmVarDecl>(Var) && Var->hasInit() &&
          Var->getType()->isPointerType())
        resolve(Var->getInit(), Out, Depth + 1);
    }
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
        Call->getNumArgs() > 0 &&
        llvm::is_contained({"bind", "bind_front", "bind_back"},
                           Callee->getName())) {
      resolve(Call->getArg(0), Out, Depth + 1);
      return;
    }
    // The awaitable a coroutine returns: its body runs where it is spawned
    // (`co_spawn(executor, session(socket), detached)`).
    if (const FunctionDecl *Def = getDefinitionWithBody(Callee))
      if (isa_and_nonnull<CoroutineBodyStmt>(Def->getBody())) {
        Out.push_back(Def);
        return;
      }
  }
  // A function object: its call operators.
  if (const CXXRecordDecl *Class =
          E->getType().getNonReferenceType()->getAsCXXRecordDecl())
    addCallOperators(Class, Out);
}

void resolveCallable(const Expr *E,
                     llvm::SmallVectorImpl<const FunctionDecl *> &Entries) {
  resolve(E, Entries, 0);
}

} // namespace ctxloss
