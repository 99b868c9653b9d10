//===--- StoredTasks.cpp - Pools and schedulers found by analysis ---------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/StoredTasks.h"
#include "checks/analysis/CallableResolver.h"
#include "checks/analysis/ContextStorage.h"
#include "checks/analysis/SpawnRecognizer.h"
#include "checks/analysis/TaskObjects.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace ctxloss {

/// Calls \p Visit on \p S and every statement under it, the capture
/// initialisers of a lambda but not its body (a lambda's body is a
/// function of its own).
template <typename VisitFn>
static void forEachStmt(const Stmt *S, const VisitFn &Visit) {
  if (!S)
    return;
  Visit(S);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    for (const Expr *Init : Lambda->capture_inits())
      forEachStmt(Init, Visit);
    return;
  }
  for (const Stmt *Child : S->children())
    forEachStmt(Child, Visit);
}

static bool isStdMoveOrForward(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee && Call->getNumArgs() == 1 && Callee->isInStdNamespace() &&
         Callee->getIdentifier() &&
         (Callee->getName() == "move" || Callee->getName() == "forward");
}

namespace {

/// Which member of `this` an expression takes (part of) its value from,
/// looking through the locals of one body that were initialised from,
/// assigned from or filled by a member (`auto task = std::move(q_.front())`,
/// `q_.pop(task)`, `for (auto &cb : callbacks_)`).
class MemberOrigins {
public:
  explicit MemberOrigins(const Stmt *Body) {
    // Twice: a local may come from another local.
    collect(Body);
    collect(Body);
  }

  const FieldDecl *root(const Expr *E) const;

private:
  void note(const Expr *Local, const FieldDecl *Field) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
        Local ? Local->IgnoreParenImpCasts() : nullptr);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (Var && Field && Var->hasLocalStorage())
      Vars.try_emplace(Var, Field);
  }
  void collect(const Stmt *Body);

  llvm::DenseMap<const VarDecl *, const FieldDecl *> Vars;
};

} // namespace

const FieldDecl *MemberOrigins::root(const Expr *E) const {
  for (unsigned Depth = 0; E && Depth < 16; ++Depth) {
    E = stripCopies(E);
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(Base))
        return dyn_cast<FieldDecl>(Member->getMemberDecl());
      E = Base;
    } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      E = Call->getImplicitObjectArgument();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      OverloadedOperatorKind Kind = Op->getOperator();
      if (Kind != OO_Subscript && Kind != OO_Star && Kind != OO_Arrow)
        return nullptr;
      E = Op->getArg(0);
    } else if (const auto *Call = dyn_cast<CallExpr>(E);
               Call && isStdMoveOrForward(Call)) {
      E = Call->getArg(0);
    } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase();
    } else if (const auto *Unary = dyn_cast<UnaryOperator>(E);
               Unary && (Unary->getOpcode() == UO_Deref ||
                         Unary->getOpcode() == UO_AddrOf)) {
      E = Unary->getSubExpr();
    } else if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      return Var ? Vars.lookup(Var) : nullptr;
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

void MemberOrigins::collect(const Stmt *Body) {
  forEachStmt(Body, [&](const Stmt *S) {
    if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && Var->hasLocalStorage() && Var->getInit())
          if (const FieldDecl *Field = root(Var->getInit()))
            Vars.try_emplace(Var, Field);
    } else if (const auto *Assign = dyn_cast<BinaryOperator>(S)) {
      if (Assign->getOpcode() == BO_Assign)
        note(Assign->getLHS(), root(Assign->getRHS()));
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        note(Op->getArg(0), root(Op->getArg(1)));
    } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
      // `queue_.pop(task)`, `queue_.wait_dequeue(task)`.
      if (const FieldDecl *Field = root(Call->getImplicitObjectArgument()))
        for (const Expr *Arg : Call->arguments())
          note(Arg, Field);
    } else if (const auto *For = dyn_cast<CXXForRangeStmt>(S)) {
      if (const FieldDecl *Field = root(For->getRangeInit()))
        Vars.try_emplace(For->getLoopVariable(), Field);
    }
  });
}

/// The members whose elements \p Body calls: `task()` of a task taken out
/// of one, `queue_.front()()`, `job.fn(job.arg)`, `task->run()`,
/// `std::invoke(cb_)`.
static void findInvokedMembers(const Stmt *Body,
                               llvm::SmallVectorImpl<const FieldDecl *> &Out) {
  MemberOrigins Origins(Body);
  forEachStmt(Body, [&](const Stmt *S) {
    const Expr *Target = nullptr;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (Op->getOperator() == OO_Call)
        Target = Op->getArg(0);
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (Method && isTaskEntryMethod(Method))
        Target = Member->getImplicitObjectArgument();
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee)
        Target = Call->getCallee();
      else if (Callee->isInStdNamespace() && Callee->getIdentifier() &&
               Callee->getName() == "invoke" && Call->getNumArgs() > 0)
        Target = Call->getArg(0);
    }
    if (const FieldDecl *Field = Target ? Origins.root(Target) : nullptr)
      if (!llvm::is_contained(Out, Field))
        Out.push_back(Field);
  });
}

static bool isCallableParamOf(const ParmVarDecl *Param, const Decl *Fn) {
  return Param && Param->getDeclContext() == dyn_cast<DeclContext>(Fn) &&
         mayBeCallable(Param->getType());
}

/// Within a stored value: the part that is the function's callable
/// parameter, or a lambda written there that captures it; not a call of
/// the parameter (`queue_.push(f())` stores its result).
static const Expr *findStoredCallable(const Expr *E, const Decl *Fn) {
  if (!E)
    return nullptr;
  if (const ParmVarDecl *Param = getCallableParam(E))
    return isCallableParamOf(Param, Fn) ? E : nullptr;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E->IgnoreImplicit())) {
    for (const Expr *Init : Lambda->capture_inits())
      if (Init && isCallableParamOf(getCallableParam(Init), Fn))
        return Lambda;
    return nullptr;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Call) {
    for (const Expr *Arg : llvm::drop_begin(Op->arguments()))
      if (const Expr *Found = findStoredCallable(Arg, Fn))
        return Found;
    return nullptr;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && !isStdMoveOrForward(Call)) {
    for (const Expr *Arg : Call->arguments())
      if (const Expr *Found = findStoredCallable(Arg, Fn))
        return Found;
    return nullptr;
  }
  for (const Stmt *Child : E->children())
    if (const Expr *Found =
            findStoredCallable(dyn_cast_or_null<Expr>(Child), Fn))
      return Found;
  return nullptr;
}

void StoredTaskFinder::scanStores(const FunctionSummary &S) {
  const auto *Method = dyn_cast<CXXMethodDecl>(S.Fn);
  if (!Method || !Method->isInstance() || Method->getParent()->isLambda() ||
      llvm::none_of(Method->parameters(), [&](const ParmVarDecl *Param) {
        return isCallableParamOf(Param, Method);
      }))
    return;
  MemberOrigins Origins(Method->getBody());
  auto Store = [&](const Stmt *Site, const Expr *Target, const Expr *Value) {
    const FieldDecl *Field = Origins.root(Target);
    const Expr *Callable = Field ? findStoredCallable(Value, Method) : nullptr;
    if (!Callable || llvm::any_of(S.Spawns, [&](const SpawnSite &Spawn) {
          return Spawn.Call == Site;
        }))
      return;
    // Only the member itself, assigned whole, is a single slot.
    const auto *Direct = dyn_cast<MemberExpr>(stripCopies(Target));
    bool Element = isa<CXXMemberCallExpr>(Site) || !Direct ||
                   !isa<CXXThisExpr>(Direct->getBase()->IgnoreParenImpCasts());
    Stores.push_back({Method, Field, Site, Callable, Element});
  };
  forEachStmt(Method->getBody(), [&](const Stmt *St) {
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(St)) {
      for (const Expr *Arg : Call->arguments())
        Store(Call, Call->getImplicitObjectArgument(), Arg);
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(St)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        Store(Op, Op->getArg(0), Op->getArg(1));
    } else if (const auto *Assign = dyn_cast<BinaryOperator>(St)) {
      if (Assign->getOpcode() == BO_Assign)
        Store(Assign, Assign->getLHS(), Assign->getRHS());
    }
  });
}

const CXXRecordDecl *getOwnerClass(const Decl *Fn) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Fn);
  while (Method && Method->getParent()->isLambda())
    Method = dyn_cast<CXXMethodDecl>(Method->getParent()->getDeclContext());
  return Method ? Method->getParent()->getCanonicalDecl() : nullptr;
}

std::string getWorkerName(const Decl *Fn) {
  const auto *Context = dyn_cast<DeclContext>(Fn);
  while (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Context)) {
    if (!Method->getParent()->isLambda())
      break;
    Context = Method->getParent()->getDeclContext();
  }
  const auto *Named = dyn_cast_or_null<FunctionDecl>(Context);
  return Named ? Named->getQualifiedNameAsString() : describeFunction(Fn);
}

bool StoredTaskFinder::run(Summaries &All, const EntryResolver &Entries) {
  for (auto &[Fn, S] : All)
    if (Scanned.insert(Fn).second)
      scanStores(*S);
  if (llvm::all_of(Stores,
                   [&](const TaskStore &T) { return Added.contains(T.Site); }))
    return false;

  // What the spawns reach, each with the spawn it was first reached from.
  llvm::MapVector<const Decl *, const Stmt *> Reached;
  llvm::SmallVector<std::pair<const Decl *, const Stmt *>, 4> Started;
  for (auto &Entry : All)
    Entries(*Entry.second, Started);
  for (auto [Fn, Start] : Started)
    Reached.try_emplace(Fn, Start);
  for (size_t I = 0; I < Reached.size(); ++I) {
    auto [Fn, Start] = *(Reached.begin() + I);
    auto *It = All.find(Fn);
    if (It == All.end())
      continue;
    for (const CallEdge &Edge : It->second->Calls)
      Reached.try_emplace(Edge.Callee, Start);
  }

  bool Changed = false;
  for (const TaskStore &T : Stores) {
    if (Added.contains(T.Site))
      continue;
    const auto *Owner =
        cast<CXXRecordDecl>(T.Field->getParent()->getCanonicalDecl());
    for (auto [Fn, Start] : Reached) {
      if (getOwnerClass(Fn) != Owner || !All.contains(Fn))
        continue;
      auto [It, New] = Invoked.try_emplace(Fn);
      if (New)
        findInvokedMembers(Fn->getBody(), It->second);
      if (!llvm::is_contained(It->second, T.Field))
        continue;
      SpawnSite Spawn;
      Spawn.Call = T.Site;
      Spawn.Callables.push_back(T.Callable);
      Spawn.Boundary = getWorkerName(Fn);
      Spawn.ReusedWorker = T.Element;
      Spawn.StoredIn = T.Field;
      Spawn.Worker = Fn;
      Spawn.WorkerStart = Start;
      All.find(T.Fn)->second->Spawns.push_back(std::move(Spawn));
      Added.insert(T.Site);
      Changed = true;
      break;
    }
  }
  return Changed;
}

} // namespace ctxloss
