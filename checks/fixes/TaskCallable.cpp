//===--- TaskCallable.cpp - The callable a finding's task runs ------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/TaskCallable.h"
#include "checks/analysis/CallableResolver.h"
#include "checks/analysis/SpawnRecognizer.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace ctxloss::fixes {

std::optional<unsigned> argumentIndex(const Expr *Call, const Expr *Arg) {
  auto Find = [&](auto Args) -> std::optional<unsigned> {
    unsigned I = 0;
    for (const Expr *A : Args) {
      if (A == Arg)
        return I;
      ++I;
    }
    return std::nullopt;
  };
  if (const auto *CE = dyn_cast<CallExpr>(Call))
    return Find(CE->arguments());
  if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Call))
    return Find(Ctor->arguments());
  return std::nullopt;
}

/// The declaration of the parameter \p Arg initialises, taken from the
/// template the callee was instantiated from (where a forwarding reference
/// is still a template parameter), or null.
static const ParmVarDecl *writtenParameter(const Expr *Call, const Expr *Arg) {
  std::optional<unsigned> Index = argumentIndex(Call, Arg);
  if (!Index)
    return nullptr;
  const FunctionDecl *Callee = nullptr;
  if (const auto *CE = dyn_cast<CallExpr>(Call)) {
    Callee = CE->getDirectCallee();
    // A member operator call passes the object as argument 0.
    if (isa<CXXOperatorCallExpr>(CE) &&
        isa_and_nonnull<CXXMethodDecl>(Callee)) {
      if (*Index == 0)
        return nullptr;
      --*Index;
    }
  } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Call)) {
    Callee = Ctor->getConstructor();
  }
  if (!Callee)
    return nullptr;
  if (const FunctionDecl *Pattern = Callee->getTemplateInstantiationPattern())
    Callee = Pattern;
  if (*Index >= Callee->getNumParams())
    return nullptr;
  return Callee->getParamDecl(*Index);
}

static bool isFunctionPointer(QualType T) {
  T = T.getNonReferenceType();
  return T->isFunctionPointerType() || T->isFunctionType() ||
         T->isBlockPointerType() || T->isMemberFunctionPointerType();
}

/// Whether a constructor of the object \p Call constructs in place
/// (`std::make_unique<T>(args...)`, `v.emplace_back(args...)`) may take a
/// function pointer where \p Arg lands: a closure would not convert.
static bool constructsWithFunctionPointer(const CallExpr *Call,
                                          const Expr *Arg) {
  std::optional<InPlaceConstruction> In = getInPlaceConstruction(Call);
  std::optional<unsigned> Index = argumentIndex(Call, Arg);
  if (!In || !Index || *Index < In->First || !In->Class->hasDefinition())
    return false;
  unsigned Param = *Index - In->First;
  return llvm::any_of(
      In->Class->getDefinition()->ctors(), [&](const CXXConstructorDecl *C) {
        return !C->isCopyOrMoveConstructor() && Param < C->getNumParams() &&
               isFunctionPointer(C->getParamDecl(Param)->getType());
      });
}

static bool takesFunctionPointer(const Stmt *Spawn, const Expr *Arg) {
  const auto *Call = dyn_cast<Expr>(Spawn);
  if (!Call)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(Call))
    if (constructsWithFunctionPointer(CE, Arg))
      return true;
  const ParmVarDecl *Param = writtenParameter(Call, Arg);
  if (!Param || Param->getType()->isDependentType())
    return false;
  return isFunctionPointer(Param->getType());
}

/// Whether any callable converts implicitly to \p Class: it has a
/// constructor template that is not explicit and takes one argument
/// (`std::function`, `std::move_only_function`, `absl::AnyInvocable`).
static bool acceptsAnyCallable(const CXXRecordDecl *Class) {
  if (!Class->hasDefinition())
    return false;
  return llvm::any_of(Class->getDefinition()->decls(), [](const Decl *D) {
    const auto *Template = dyn_cast<FunctionTemplateDecl>(D);
    const auto *Ctor =
        Template ? dyn_cast<CXXConstructorDecl>(Template->getTemplatedDecl())
                 : nullptr;
    return Ctor && !Ctor->isExplicit() && Ctor->getNumParams() > 0 &&
           Ctor->getMinRequiredArguments() <= 1 &&
           Ctor->getParamDecl(0)->getType()->isDependentType();
  });
}

/// The class the spawn's parameter for \p Arg requires, when a lambda
/// wrapped around the argument would not convert to it; null otherwise.
static const CXXRecordDecl *requiredClass(const Stmt *Spawn, const Expr *Arg) {
  const auto *Call = dyn_cast<Expr>(Spawn);
  const ParmVarDecl *Param = Call ? writtenParameter(Call, Arg) : nullptr;
  if (!Param || Param->getType()->isDependentType())
    return nullptr;
  // A pointer to a task object (`Task *`) takes no lambda either.
  QualType T = Param->getType().getNonReferenceType();
  if (T->isPointerType() && !T->isFunctionPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *Class = T->getAsCXXRecordDecl();
  if (!Class || Class->isLambda() || acceptsAnyCallable(Class))
    return nullptr;
  return Class;
}

/// A lambda converted to a function pointer, through the conversion
/// operator call or the implicit cast that wraps it.
static bool isConvertedLambda(const Expr *Arg) {
  const Expr *E = Arg->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    return isa_and_nonnull<CXXConversionDecl>(Member->getMethodDecl()) &&
           getLambda(Member->getImplicitObjectArgument());
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return Unary->getOpcode() == UO_Plus && getLambda(Unary->getSubExpr());
  return false;
}

TaskCallable findTaskCallable(const LostContext &Finding) {
  TaskCallable T;
  // The engine resolved the task once (TUAnalysis::resolveTasks); the
  // finding carries the argument and how it reaches the entry.
  const ResolvedTask &Task = Finding.Task;
  T.Arg = Task.Callable;
  if (!T.Arg)
    return T;
  const Stmt *Spawn = Finding.Spawn->Call;
  T.ConvertedLambda = isConvertedLambda(T.Arg);
  if (!T.ConvertedLambda && Task.Form == TaskForm::Lambda && !Task.Holder)
    T.Lambda = getLambda(T.Arg);
  T.NeedsFunctionPointer =
      T.ConvertedLambda || takesFunctionPointer(Spawn, T.Arg);
  if (!T.NeedsFunctionPointer && !T.Lambda)
    T.NeedsClass = requiredClass(Spawn, T.Arg);
  return T;
}

bool needsMutableCall(QualType T) {
  const CXXRecordDecl *Class = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Class || !Class->hasDefinition())
    return false;
  Class = Class->getDefinition();
  bool HasCallOperator = false;
  for (const Decl *D : Class->decls()) {
    const auto *Method = dyn_cast<CXXMethodDecl>(D);
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      Method = dyn_cast<CXXMethodDecl>(Template->getTemplatedDecl());
    if (!Method || Method->getOverloadedOperator() != OO_Call)
      continue;
    HasCallOperator = true;
    if (Method->isConst() || Method->isStatic())
      return false;
  }
  // std::bind results, std::function and friends have const call operators
  // in their bases or declare them in ways this does not see; they are fine
  // without `mutable`.
  return HasCallOperator;
}

} // namespace ctxloss::fixes
