//===--- TaskObjects.cpp - Objects whose virtual member is the task -------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/TaskObjects.h"
#include "checks/analysis/CallableResolver.h"
#include "checks/analysis/SpawnRecognizer.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ctxloss {

bool isTaskEntryMethod(const CXXMethodDecl *M) {
  if (!M || !M->isVirtual())
    return false;
  if (M->getOverloadedOperator() == OO_Call)
    return true;
  const IdentifierInfo *II = M->getIdentifier();
  return II &&
         llvm::is_contained({"run", "Run", "execute", "Execute", "runTask"},
                            II->getName());
}

static bool hasOwnEntry(const CXXRecordDecl *Class) {
  return llvm::any_of(Class->methods(), isTaskEntryMethod);
}

bool isTaskObjectClass(const CXXRecordDecl *Class) {
  if (!Class || !Class->hasDefinition())
    return false;
  Class = Class->getDefinition();
  if (Class->isInvalidDecl() || !Class->isPolymorphic())
    return false;
  return hasOwnEntry(Class) || !Class->forallBases([](const CXXRecordDecl *B) {
    return !hasOwnEntry(B);
  });
}

/// Strips parentheses, implicit conversions (derived-to-base included),
/// temporaries, and copies or moves of the object.
static const Expr *stripObject(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Next)) {
      Next = Cleanups->getSubExpr();
    } else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Next)) {
      Next = Temp->getSubExpr();
    } else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Next)) {
      Next = Bind->getSubExpr();
    } else if (const auto *Call = dyn_cast<CallExpr>(Next)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
          Call->getNumArgs() == 1 &&
          llvm::is_contained({"move", "ref", "forward", "addressof"},
                             Callee->getName()))
        Next = Call->getArg(0);
    }
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

/// The class an expression of class, pointer-to-class or smart pointer
/// type is about: the pointee of a pointer, the object otherwise.
static const CXXRecordDecl *classOf(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *Class = T->getAsCXXRecordDecl();
  if (!Class || !Class->hasDefinition())
    return nullptr;
  return Class->getDefinition();
}

/// Whether \p T is a pointer, a reference or a smart pointer: a class with
/// an `operator->` that is not itself a callable or a task object.
static bool isIndirection(QualType T) {
  if (T->isPointerType() || T->isReferenceType())
    return true;
  const CXXRecordDecl *Class = classOf(T);
  if (!Class || isTaskObjectClass(Class))
    return false;
  bool Arrow = false;
  for (const Decl *D : Class->decls()) {
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(D->getAsFunction());
    if (!Method)
      continue;
    if (Method->getOverloadedOperator() == OO_Call)
      return false;
    Arrow |= Method->getOverloadedOperator() == OO_Arrow;
  }
  return Arrow;
}

/// The pointer or object \p E dereferences or takes the address of: `*p`,
/// `&obj`, and `*sp` on a smart pointer. Null for anything else.
static const Expr *throughIndirection(const Expr *E) {
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    if (Unary->getOpcode() == UO_AddrOf || Unary->getOpcode() == UO_Deref)
      return Unary->getSubExpr();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    if (Op->getOperator() == OO_Star && Op->getNumArgs() == 1 &&
        isIndirection(Op->getArg(0)->getType()))
      return Op->getArg(0);
  return nullptr;
}

/// Where the object \p E designates comes from: through `&`, `*`, a smart
/// pointer's `*`, a smart pointer made from a pointer (`TaskPtr p(pTask)`,
/// `SharedPtr<Runnable>(new T)`), and local pointers, references and smart
/// pointers to what they were initialised with. Stops at anything else (a
/// `new`, `this`, a parameter, a member); null past a few steps.
static const Expr *objectOrigin(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 6; ++Depth) {
    E = stripObject(E);
    const Expr *Next = throughIndirection(E);
    if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E);
        !Next && Ctor && Ctor->getNumArgs() != 0 &&
        isIndirection(Ctor->getType()) &&
        Ctor->getArg(0)->getType()->isPointerType())
      Next = Ctor->getArg(0);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E); !Next && Ref)
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && !isa<ParmVarDecl>(Var) && !Var->isInvalidDecl() &&
          Var->hasLocalStorage() && Var->hasInit() &&
          isIndirection(Var->getType()))
        Next = Var->getInit();
    if (!Next)
      return E;
    E = Next;
  }
  return nullptr;
}

static const CXXRecordDecl *dynamicClass(const Expr *E) {
  E = objectOrigin(E);
  if (!E)
    return nullptr;
  if (const auto *New = dyn_cast<CXXNewExpr>(E))
    return classOf(New->getAllocatedType());
  if (const auto *This = dyn_cast<CXXThisExpr>(E))
    return classOf(This->getType());
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    // std::make_shared<Derived>(...), std::make_unique<Derived>(...).
    if (std::optional<InPlaceConstruction> In = getInPlaceConstruction(Call))
      if (!isa<CXXMethodDecl>(Call->getDirectCallee()))
        return In->Class->hasDefinition() ? In->Class->getDefinition()
                                          : nullptr;
    return nullptr;
  }
  // An object constructed here, or declared with its class (a local, a
  // by-value parameter, a data member that holds the object itself): its
  // type is its dynamic type.
  QualType Object;
  if (isa<CXXConstructExpr>(E))
    Object = E->getType();
  else if (const auto *Member = dyn_cast<MemberExpr>(E))
    Object = Member->getMemberDecl()->getType();
  else if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    Object = Ref->getDecl()->getType();
  if (Object.isNull() || !Object->isRecordType() || isIndirection(Object))
    return nullptr;
  return classOf(Object);
}

const CXXRecordDecl *getKnownDynamicClass(const Expr *E) {
  if (const CXXRecordDecl *Class = dynamicClass(E))
    return Class;
  // A final class has no other dynamic type.
  const CXXRecordDecl *Static = E ? classOf(E->getType()) : nullptr;
  if (Static && Static->isEffectivelyFinal())
    return Static;
  return nullptr;
}

/// The definitions of \p Dynamic's final overriders of the task entry
/// members it has, own or inherited.
static void addEntries(const CXXRecordDecl *Dynamic,
                       llvm::SmallVectorImpl<const FunctionDecl *> &Out,
                       bool WithBody = true) {
  if (!Dynamic || Dynamic->isInvalidDecl() || Dynamic->isDependentContext())
    return;
  auto AddFrom = [&](const CXXRecordDecl *Class) {
    for (const CXXMethodDecl *M : Class->methods()) {
      if (!isTaskEntryMethod(M))
        continue;
      const CXXMethodDecl *Final =
          M->getCorrespondingMethodInClass(Dynamic, /*MayBeBase=*/true);
      const FunctionDecl *Def = WithBody ? getDefinitionWithBody(Final) : Final;
      if (Def && !Def->isPureVirtual() && !llvm::is_contained(Out, Def))
        Out.push_back(Def);
    }
    return true;
  };
  AddFrom(Dynamic);
  Dynamic->forallBases(AddFrom);
}

bool resolveTaskObject(const Expr *E,
                       llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  if (!E || E->isTypeDependent() || !isTaskObjectClass(classOf(E->getType())))
    return false;
  addEntries(getKnownDynamicClass(E), Out);
  return true;
}

const ParmVarDecl *getTaskObjectParam(const Expr *E) {
  // A final class: the task is known here.
  if (!E || E->isTypeDependent() || getKnownDynamicClass(stripObject(E)))
    return nullptr;
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(objectOrigin(E));
  return Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
}

const CXXRecordDecl *getClosedTaskClass(const Expr *E) {
  if (!E || E->isTypeDependent() || getTaskObjectParam(E))
    return nullptr;
  E = stripObject(E);
  const CXXRecordDecl *Static = classOf(E->getType());
  if (!isTaskObjectClass(Static) || Static->isDependentContext() ||
      getKnownDynamicClass(E))
    return nullptr;
  if (Static->isInAnonymousNamespace())
    return Static;
  const SourceManager &SM = Static->getASTContext().getSourceManager();
  return SM.isInMainFile(SM.getExpansionLoc(Static->getLocation())) ? Static
                                                                    : nullptr;
}

void getOwnTaskEntries(const CXXRecordDecl *Class,
                       llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  addEntries(Class, Out);
}

void getUnknownTaskEntryMembers(
    const Expr *E, llvm::SmallVectorImpl<const CXXMethodDecl *> &Out) {
  if (!E || E->isTypeDependent())
    return;
  const CXXRecordDecl *Static = classOf(stripObject(E)->getType());
  if (!isTaskObjectClass(Static) || getKnownDynamicClass(E) ||
      getTaskObjectParam(E))
    return;
  auto AddFrom = [&](const CXXRecordDecl *Class) {
    for (const CXXMethodDecl *M : Class->methods())
      if (isTaskEntryMethod(M) &&
          !llvm::is_contained(Out, M->getCanonicalDecl()))
        Out.push_back(M->getCanonicalDecl());
    return true;
  };
  AddFrom(Static);
  Static->forallBases(AddFrom);
}

void getTaskEntryDeclarations(
    const Expr *E, llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  if (!E || E->isTypeDependent())
    return;
  E = stripObject(E);
  if (isTaskObjectClass(classOf(E->getType())))
    addEntries(getKnownDynamicClass(E), Out, /*WithBody=*/false);
}

const CXXMethodDecl *getFinalOverriderOnObject(const CXXMethodDecl *Method,
                                               const Expr *Object) {
  if (!Method || !Method->isVirtual() || !Object || Object->isTypeDependent())
    return nullptr;
  const CXXRecordDecl *Dynamic = getKnownDynamicClass(Object);
  if (!Dynamic || Dynamic->isDependentContext())
    return nullptr;
  return Method->getCorrespondingMethodInClass(Dynamic, /*MayBeBase=*/true);
}

const FunctionDecl *resolveVirtualOnObject(const CXXMethodDecl *Method,
                                           const Expr *Object) {
  return getDefinitionWithBody(getFinalOverriderOnObject(Method, Object));
}

bool isUnresolvedVirtualCall(const CallExpr *Call, const FunctionDecl *Callee) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!Method || !Method->isVirtual())
    return false;
  if (Method->hasAttr<FinalAttr>() || Method->getParent()->hasAttr<FinalAttr>())
    return false;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const auto *ME =
            dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParenImpCasts()))
      return !ME->hasQualifier();
  return true;
}

const Expr *getArgumentAfter(const Stmt *Call, const Expr *Callable) {
  llvm::ArrayRef<const Expr *> Args;
  if (const auto *C = dyn_cast_or_null<CallExpr>(Call))
    Args = llvm::ArrayRef(C->getArgs(), C->getNumArgs());
  else if (const auto *Ctor = dyn_cast_or_null<CXXConstructExpr>(Call))
    Args = llvm::ArrayRef(Ctor->getArgs(), Ctor->getNumArgs());
  for (size_t I = 0; I + 1 < Args.size(); ++I)
    if (Args[I] == Callable)
      return Args[I + 1];
  return nullptr;
}

} // namespace ctxloss
