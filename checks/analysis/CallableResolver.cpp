//===--- CallableResolver.cpp - Which function a callable runs ------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/CallableResolver.h"
#include "checks/analysis/CTasks.h"
#include "checks/analysis/TaskObjects.h"
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

/// The outermost namespace enclosing \p D (`absl` for
/// `absl::lts_2024::AnyInvocable`), or an empty name.
static llvm::StringRef outermostNamespace(const Decl *D) {
  llvm::StringRef Name;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
      Name = NS->getName();
  return Name;
}

/// Type-erasing holders of a callable: constructing one from a callable
/// runs that callable when the holder is called. `std::function`,
/// `std::move_only_function`, `std::copyable_function`, `std::function_ref`,
/// `std::packaged_task`, `absl::AnyInvocable`, `absl::FunctionRef`,
/// `folly::Function`, `folly::FunctionRef`, `boost::function`.
static bool isCallableWrapper(const CXXRecordDecl *Class) {
  if (!Class || !Class->getIdentifier())
    return false;
  llvm::StringRef Name = Class->getName();
  if (Class->isInStdNamespace())
    return llvm::is_contained({"function", "move_only_function",
                               "copyable_function", "function_ref",
                               "packaged_task"},
                              Name);
  llvm::StringRef NS = outermostNamespace(Class);
  if (NS == "absl")
    return Name == "AnyInvocable" || Name == "FunctionRef";
  if (NS == "folly")
    return Name == "Function" || Name == "FunctionRef";
  return NS == "boost" && Name == "function";
}

static const Expr *stripCallable(const Expr *E);

/// A call of `std::bind`, `std::bind_front` or `std::bind_back`.
static bool isBindCall(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  if (!Call || Call->getNumArgs() == 0)
    return false;
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
         llvm::is_contained({"bind", "bind_front", "bind_back"},
                            Callee->getName());
}

/// The initialiser of a local variable that holds a callable for a later
/// spawn: a `std::function`, `std::packaged_task` or another type-erasing
/// holder, or the result of `std::bind`. Null for anything else, and for a
/// function object, whose own call operators are what runs.
static const Expr *heldCallable(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || isa<ParmVarDecl>(Var) || !Var->hasLocalStorage() ||
      !Var->hasInit())
    return nullptr;
  const Expr *Init = Var->getInit();
  if (isCallableWrapper(
          Var->getType().getNonReferenceType()->getAsCXXRecordDecl()) ||
      isBindCall(stripCallable(Init)))
    return Init;
  return nullptr;
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

const VarDecl *getCallableHolder(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripCallable(E));
  return Ref && heldCallable(Ref) ? cast<VarDecl>(Ref->getDecl()) : nullptr;
}

const LambdaExpr *getLambda(const Expr *E) {
  return dyn_cast_or_null<LambdaExpr>(stripCallable(E));
}

static const FunctionDecl *namedFunction(const Expr *E, unsigned Depth) {
  if (Depth > 4)
    return nullptr;
  E = stripCallable(E);
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(E))
    if (Unary->getOpcode() == UO_AddrOf)
      E = stripCallable(Unary->getSubExpr());
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E)) {
    if (const Expr *Held = heldCallable(Ref))
      return namedFunction(Held, Depth + 1);
    return dyn_cast<FunctionDecl>(Ref->getDecl());
  }
  if (isBindCall(E))
    return namedFunction(cast<CallExpr>(E)->getArg(0), Depth + 1);
  return nullptr;
}

const FunctionDecl *getNamedFunction(const Expr *E) {
  return namedFunction(E, 0);
}

const ParmVarDecl *getCallableParam(const Expr *E) {
  // Through a few local holders initialised from the parameter
  // (`std::packaged_task<void()> task(fn)`), never a cycle.
  const Expr *Arg = E;
  for (unsigned Depth = 0; E && Depth < 4; ++Depth) {
    E = stripCallable(E);
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
    if (!Ref)
      break;
    if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl()))
      return Param;
    E = heldCallable(Ref);
  }
  // A task object the parameter points to (`pool.start(*pTask)`).
  return getTaskObjectParam(Arg);
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

namespace {
/// What one callable argument resolves to, collected with how each body
/// was reached.
struct Resolution {
  const Expr *Callable;
  llvm::SmallVectorImpl<ResolvedTask> &Out;
  /// The outermost local holder followed so far.
  const VarDecl *Holder = nullptr;

  void add(const FunctionDecl *Def, TaskForm Form) {
    Out.push_back({Def, Callable, Form, Holder});
  }
  void add(llvm::ArrayRef<const FunctionDecl *> Defs, TaskForm Form) {
    for (const FunctionDecl *Def : Defs)
      add(Def, Form);
  }
};
} // namespace

/// A member function pointer called on \p Object: a virtual member runs
/// the final overrider of the object's dynamic type when the site shows it.
static const FunctionDecl *resolveOnObject(const Expr *E, const Expr *Object) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(getNamedFunction(E));
  if (!Object || !Method || !Method->isVirtual())
    return nullptr;
  return resolveVirtualOnObject(Method, Object);
}

static void resolve(const Expr *E, Resolution &R, unsigned Depth) {
  // Variables initialised from variables: follow a few, never a cycle.
  if (!E || Depth > 4)
    return;
  E = stripCallable(E);
  llvm::SmallVector<const FunctionDecl *, 2> Defs;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    addCallOperators(Lambda->getLambdaClass(), Defs);
    R.add(Defs, TaskForm::Lambda);
    return;
  }
  // A task object: the entry members of its dynamic type.
  if (resolveTaskObject(E, Defs)) {
    R.add(Defs, TaskForm::TaskObject);
    return;
  }
  // A struct holding a function pointer (and its argument).
  if (resolveCTask(E, Defs)) {
    R.add(Defs, TaskForm::CTask);
    return;
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
    if (Unary->getOpcode() == UO_AddrOf)
      resolve(Unary->getSubExpr(), R, Depth);
    return;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Fn = dyn_cast<FunctionDecl>(Ref->getDecl())) {
      if (const FunctionDecl *Def = getDefinitionWithBody(Fn))
        R.add(Def, TaskForm::Function);
      return;
    }
    // A local holder: the callable it was initialised with.
    if (const Expr *Held = heldCallable(Ref)) {
      if (!R.Holder)
        R.Holder = cast<VarDecl>(Ref->getDecl());
      resolve(Held, R, Depth + 1);
      return;
    }
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
      if (const CXXRecordDecl *Class =
              Var->getType().getNonReferenceType()->getAsCXXRecordDecl()) {
        addCallOperators(Class, Defs);
        R.add(Defs,
              Class->isLambda() ? TaskForm::Lambda : TaskForm::FunctionObject);
        return;
      }
      // A local function pointer initialised once: follow the initialiser.
      if (!isa<ParmVarDecl>(Var) && Var->hasInit() &&
          Var->getType()->isPointerType())
        resolve(Var->getInit(), R, Depth + 1);
    }
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (isBindCall(Call)) {
      const FunctionDecl *OnObject =
          Call->getNumArgs() < 2
              ? nullptr
              : resolveOnObject(Call->getArg(0), Call->getArg(1));
      if (OnObject) {
        R.add(OnObject, TaskForm::Bind);
        return;
      }
      size_t Before = R.Out.size();
      resolve(Call->getArg(0), R, Depth + 1);
      for (size_t I = Before; I < R.Out.size(); ++I)
        R.Out[I].Form = TaskForm::Bind;
      return;
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    // The awaitable a coroutine returns: its body runs where it is spawned
    // (`co_spawn(executor, session(socket), detached)`).
    if (const FunctionDecl *Def = getDefinitionWithBody(Callee))
      if (isa_and_nonnull<CoroutineBodyStmt>(Def->getBody())) {
        R.add(Def, TaskForm::Coroutine);
        return;
      }
  }
  // A function object: its call operators.
  if (const CXXRecordDecl *Class =
          E->getType().getNonReferenceType()->getAsCXXRecordDecl())
    addCallOperators(Class, Defs);
  if (!Defs.empty()) {
    R.add(Defs, TaskForm::FunctionObject);
    return;
  }
  // A callback object made here from an object and a pointer to one of
  // its members (`Poco::TimerCallback<C>(obj, &C::onTimer)`): that member.
  if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E)) {
    for (unsigned I = 0, N = Ctor->getNumArgs(); I < N; ++I) {
      const auto *Method =
          dyn_cast_or_null<CXXMethodDecl>(getNamedFunction(Ctor->getArg(I)));
      if (!Method || Method->isStatic())
        continue;
      const Expr *Object = I > 0 ? Ctor->getArg(I - 1) : nullptr;
      const FunctionDecl *Def = resolveOnObject(Ctor->getArg(I), Object);
      if (!Def)
        Def = getDefinitionWithBody(Method);
      if (Def)
        R.add(Def, TaskForm::MemberCallback);
    }
  }
}

void resolveTask(const Expr *E, const Expr *Object,
                 llvm::SmallVectorImpl<ResolvedTask> &Out) {
  Resolution R{E, Out, getCallableHolder(E)};
  if (const FunctionDecl *Def = resolveOnObject(E, Object))
    R.add(Def, TaskForm::Function);
  else
    resolve(E, R, 0);
}

void resolveCallable(const Expr *E, const Expr *Object,
                     llvm::SmallVectorImpl<const FunctionDecl *> &Entries) {
  llvm::SmallVector<ResolvedTask, 2> Tasks;
  resolveTask(E, Object, Tasks);
  for (const ResolvedTask &T : Tasks)
    Entries.push_back(cast<FunctionDecl>(T.Entry));
}

void resolveCallable(const Expr *E,
                     llvm::SmallVectorImpl<const FunctionDecl *> &Entries) {
  resolveCallable(E, nullptr, Entries);
}

} // namespace ctxloss
