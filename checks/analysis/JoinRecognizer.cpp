//===--- JoinRecognizer.cpp - Where a function waits for its tasks --------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/JoinRecognizer.h"
#include "checks/analysis/Latches.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringRef.h"

using namespace clang;

namespace ctxloss {

/// The calls that wait for the task whose handle (a thread, a future) they
/// are made on.
static bool isHandleWait(StringRef Name) {
  return llvm::is_contained({"join", "get", "wait", "wait_for", "wait_until"},
                            Name);
}

/// The calls that wait for every task submitted to the pool or group they
/// are made on.
static bool isPoolWait(StringRef Name) {
  return llvm::is_contained(
      {"join", "wait", "wait_for_tasks", "wait_all", "join_all"}, Name);
}

/// The calls that add a handle to a container.
static bool isContainerAdd(StringRef Name) {
  return llvm::is_contained({"push_back", "emplace_back", "emplace",
                             "push_front", "emplace_front", "push", "insert",
                             "add_thread"},
                            Name);
}

/// The calls on a container of handles that wait for every one of them
/// (`boost::thread_group::join_all`).
static bool isContainerWait(StringRef Name) { return Name == "join_all"; }

static StringRef methodName(const CXXMemberCallExpr *E) {
  const CXXMethodDecl *Method = E->getMethodDecl();
  return Method && Method->getIdentifier() ? Method->getName() : StringRef();
}

/// \p E without what wraps a handle on its way to a variable or a call:
/// parentheses, conversions, temporaries, copies and moves, `std::move`.
static const Expr *stripHandle(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
    } else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Temp->getSubExpr();
    } else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
    } else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
    } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E)) {
      if (Ctor->getNumArgs() != 1 || !Ctor->getConstructor() ||
          !Ctor->getConstructor()->isCopyOrMoveConstructor())
        return E;
      E = Ctor->getArg(0);
    } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *Fn = Call->getDirectCallee();
      if (!Fn || !Fn->isInStdNamespace() || !Fn->getIdentifier() ||
          Fn->getName() != "move" || Call->getNumArgs() != 1)
        return E;
      E = Call->getArg(0);
    } else {
      return E;
    }
  }
  return E;
}

/// The variable \p E designates, or null.
static const VarDecl *varOf(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripHandle(E));
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// The object a spawn submits its task to: `Pool` in `Pool.submit(f)`,
/// `Pool->submit(f)`, `boost::asio::post(Pool, f)` and
/// `boost::asio::post(Pool.get_executor(), f)`.
static const VarDecl *submittedTo(const Stmt *Spawn) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Spawn))
    return varOf(Member->getImplicitObjectArgument());
  const auto *Call = dyn_cast<CallExpr>(Spawn);
  if (!Call || Call->getNumArgs() < 2)
    return nullptr;
  const Expr *First = stripHandle(Call->getArg(0));
  if (const auto *Executor = dyn_cast<CXXMemberCallExpr>(First))
    if (methodName(Executor) == "get_executor")
      return varOf(Executor->getImplicitObjectArgument());
  const VarDecl *Var = varOf(First);
  if (!Var)
    return nullptr;
  QualType T = Var->getType().getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return T->isRecordType() ? Var : nullptr;
}

/// A boundary that returns only once its tasks have ended.
static bool waitsItself(const SpawnSite &Spawn) {
  StringRef Boundary = Spawn.Boundary;
  return Boundary.starts_with("tbb::parallel_") ||
         Boundary.ends_with("::run_and_wait");
}

/// The calls after which a handle's destructor no longer waits for its
/// task: it was detached, or its task handed to a shared future.
static bool isRelease(StringRef Name) {
  return llvm::is_contained({"detach", "share", "swap", "release", "clear"},
                            Name);
}

/// The handle kind whose destructor waits for the task \p Spawn started,
/// as messages name the wait; empty for the others.
static StringRef waitingDestructor(const SpawnSite &Spawn) {
  if (Spawn.Boundary == "std::jthread")
    return "~jthread";
  if (Spawn.Boundary == "std::async")
    return "~future";
  return "";
}

const Stmt *JoinSite::loopEntry() const {
  if (const auto *Range = dyn_cast_or_null<CXXForRangeStmt>(Loop))
    return Range->getRangeInit();
  if (const auto *For = dyn_cast_or_null<ForStmt>(Loop))
    return For->getCond();
  return nullptr;
}

/// The variable \p E names, looking through parentheses and conversions.
static const VarDecl *plainVar(const Expr *E) {
  const auto *Ref =
      E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

static bool isIntegerConstant(const Expr *E, uint64_t Value) {
  const auto *Literal =
      E ? dyn_cast<IntegerLiteral>(E->IgnoreParenImpCasts()) : nullptr;
  return Literal && Literal->getValue() == Value;
}

/// For a loop over every index of a container, `for (I = 0; I < C.size();
/// ++I)` (or `!=`; `I++`, `I += 1`; the index declared or assigned there):
/// the container, and the index in \p Index. Null for any other loop.
static const VarDecl *indexedContainer(const ForStmt *Loop,
                                       const VarDecl *&Index) {
  // The index starts at 0.
  Index = nullptr;
  if (const auto *Decl = dyn_cast_or_null<DeclStmt>(Loop->getInit())) {
    const auto *Var = Decl->isSingleDecl()
                          ? dyn_cast<VarDecl>(Decl->getSingleDecl())
                          : nullptr;
    if (Var && isIntegerConstant(Var->getInit(), 0))
      Index = Var;
  } else if (const auto *Assign =
                 dyn_cast_or_null<BinaryOperator>(Loop->getInit())) {
    if (Assign->getOpcode() == BO_Assign &&
        isIntegerConstant(Assign->getRHS(), 0))
      Index = plainVar(Assign->getLHS());
  }
  if (!Index)
    return nullptr;
  // It goes up by one.
  const Expr *Inc = Loop->getInc();
  bool ByOne = false;
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(Inc))
    ByOne = Unary->isIncrementOp() && plainVar(Unary->getSubExpr()) == Index;
  else if (const auto *Compound = dyn_cast_or_null<CompoundAssignOperator>(Inc))
    ByOne = Compound->getOpcode() == BO_AddAssign &&
            plainVar(Compound->getLHS()) == Index &&
            isIntegerConstant(Compound->getRHS(), 1);
  if (!ByOne)
    return nullptr;
  // Up to the container's size.
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(
      Loop->getCond() ? Loop->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!Cond || (Cond->getOpcode() != BO_LT && Cond->getOpcode() != BO_NE) ||
      plainVar(Cond->getLHS()) != Index)
    return nullptr;
  const auto *Size =
      dyn_cast<CXXMemberCallExpr>(Cond->getRHS()->IgnoreParenImpCasts());
  if (!Size || methodName(Size) != "size")
    return nullptr;
  return varOf(Size->getImplicitObjectArgument());
}

/// The container and index of `C[I]`, or false.
static bool isElement(const Expr *E, const VarDecl *Container,
                      const VarDecl *Index) {
  const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E);
  return Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
         varOf(Op->getArg(0)) == Container && plainVar(Op->getArg(1)) == Index;
}

/// Whether \p S is \p Root or one of its descendants.
static bool containsStmt(const Stmt *Root, const Stmt *S) {
  if (Root == S)
    return true;
  for (const Stmt *Child :
       Root ? Root->children() : Stmt::const_child_range(nullptr, nullptr))
    if (Child && containsStmt(Child, S))
      return true;
  return false;
}

void JoinRecognizer::noteVar(const VarDecl *D, const CompoundStmt *Scope) {
  if (D->hasInit() && D->isLocalVarDecl()) {
    Vars.push_back(D);
    VarScopes.push_back(Scope);
  }
}

void JoinRecognizer::noteCall(const CallExpr *E) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    StringRef Name = methodName(Member);
    if (isRelease(Name)) {
      if (const VarDecl *Var = varOf(Member->getImplicitObjectArgument()))
        Released.push_back(Var);
      return;
    }
    if (isHandleWait(Name) || isPoolWait(Name) || isContainerAdd(Name) ||
        isContainerWait(Name) ||
        isSyncWait(getSyncKind(varOf(Member->getImplicitObjectArgument())),
                   Name))
      MemberCalls.push_back(Member);
    return;
  }
  const FunctionDecl *Fn = E->getDirectCallee();
  if (!Fn || !Fn->getIdentifier())
    return;
  if (Fn->getName() == "pthread_join" && E->getNumArgs() == 2)
    ThreadJoins.push_back(E);
  // A handle moved elsewhere is destroyed elsewhere.
  if (Fn->isInStdNamespace() && E->getNumArgs() == 1 &&
      llvm::is_contained({"move", "forward"}, Fn->getName()))
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(E->getArg(0)->IgnoreParenImpCasts()))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        Released.push_back(Var);
}

/// \p E without what a discarded result is wrapped in.
static const Stmt *stripDiscarded(const Stmt *E) {
  const auto *Value = dyn_cast<Expr>(E);
  if (!Value)
    return E;
  while (true) {
    Value = stripHandle(Value);
    const auto *Void = dyn_cast<ExplicitCastExpr>(Value);
    if (!Void || !Void->getType()->isVoidType())
      return Value;
    Value = Void->getSubExpr();
  }
}

bool JoinRecognizer::isDiscarded(const Stmt *Spawn) const {
  return llvm::any_of(Compounds, [Spawn](const CompoundStmt *C) {
    return llvm::any_of(C->body(), [Spawn](const Stmt *Child) {
      return stripDiscarded(Child) == Spawn;
    });
  });
}

void JoinRecognizer::addScopeJoins(
    FunctionSummary &S, unsigned Spawn,
    llvm::ArrayRef<const VarDecl *> Holders) const {
  StringRef How = waitingDestructor(S.Spawns[Spawn]);
  if (How.empty())
    return;
  if (Holders.empty()) {
    if (isDiscarded(S.Spawns[Spawn].Call))
      S.Joins.push_back({S.Spawns[Spawn].Call, Spawn, How.str()});
    return;
  }
  for (const VarDecl *Holder : Holders) {
    const auto *It = llvm::find(Vars, Holder);
    if (It == Vars.end() || llvm::is_contained(Released, Holder))
      continue;
    // The holder's initialisation comes before every use after its scope
    // (a spawn into a container in a loop may not).
    if (const CompoundStmt *Scope = VarScopes[It - Vars.begin()])
      S.Joins.push_back(
          {stripHandle(Holder->getInit()), Spawn, How.str(), nullptr, Scope});
  }
}

/// The variable `pthread_create(&T, ...)` stores the thread's id in.
static const VarDecl *threadIdOf(const Stmt *Spawn) {
  const auto *Call = dyn_cast<CallExpr>(Spawn);
  const FunctionDecl *Fn = Call ? Call->getDirectCallee() : nullptr;
  if (!Fn || !Fn->getIdentifier() || Fn->getName() != "pthread_create" ||
      Call->getNumArgs() < 1)
    return nullptr;
  const auto *AddrOf =
      dyn_cast<UnaryOperator>(Call->getArg(0)->IgnoreParenImpCasts());
  if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf)
    return nullptr;
  return varOf(AddrOf->getSubExpr());
}

void JoinRecognizer::noteRangeFor(const CXXForRangeStmt *S) {
  if (S->getLoopVariable() && S->getRangeInit())
    Loops.push_back(S);
}

void JoinRecognizer::noteFor(const ForStmt *S) {
  if (S->getInit() && S->getCond() && S->getInc())
    IndexLoops.push_back(S);
}

const ForStmt *JoinRecognizer::indexLoopOver(
    const CXXMemberCallExpr *Wait,
    llvm::ArrayRef<const VarDecl *> Containers) const {
  const Expr *Object = stripHandle(Wait->getImplicitObjectArgument());
  for (const ForStmt *Loop : IndexLoops) {
    const VarDecl *Index = nullptr;
    const VarDecl *Container = indexedContainer(Loop, Index);
    if (Container && llvm::is_contained(Containers, Container) &&
        isElement(Object, Container, Index) &&
        containsStmt(Loop->getBody(), Wait))
      return Loop;
  }
  return nullptr;
}

void JoinRecognizer::finish(FunctionSummary &S) const {
  for (unsigned I = 0, N = S.Spawns.size(); I != N; ++I) {
    const SpawnSite &Spawn = S.Spawns[I];
    if (Spawn.Region || !Spawn.Call)
      continue;
    if (waitsItself(Spawn)) {
      S.Joins.push_back({Spawn.Call, I, Spawn.Boundary});
      continue;
    }
    // Where the spawn's handle is kept.
    llvm::SmallVector<const VarDecl *, 2> Handles;
    llvm::SmallVector<const VarDecl *, 1> Containers;
    for (const VarDecl *D : Vars)
      if (stripHandle(D->getInit()) == Spawn.Call)
        Handles.push_back(D);
    for (const CXXMemberCallExpr *Add : MemberCalls) {
      if (!isContainerAdd(methodName(Add)))
        continue;
      // `Group.add_thread(new boost::thread(f))` adds the construction.
      bool Holds = Add == Spawn.Call ||
                   llvm::any_of(Add->arguments(), [&](const Expr *Arg) {
                     const Expr *Held = stripHandle(Arg);
                     if (const auto *New = dyn_cast_or_null<CXXNewExpr>(Held))
                       Held = New->getConstructExpr();
                     return Held == Spawn.Call;
                   });
      if (Holds)
        if (const VarDecl *Container = varOf(Add->getImplicitObjectArgument()))
          Containers.push_back(Container);
    }
    const VarDecl *Pool = submittedTo(Spawn.Call);
    if (const VarDecl *Thread = threadIdOf(Spawn.Call))
      for (const CallExpr *Join : ThreadJoins)
        if (varOf(Join->getArg(0)) == Thread)
          S.Joins.push_back({Join, I, "pthread_join"});

    for (const CXXMemberCallExpr *Wait : MemberCalls) {
      StringRef Name = methodName(Wait);
      const Expr *Object = stripHandle(Wait->getImplicitObjectArgument());
      if (Object == Spawn.Call && isHandleWait(Name)) {
        S.Joins.push_back({Wait, I, Name.str()});
        continue;
      }
      // An index loop over the container the handles were added to.
      if (isHandleWait(Name) && !Containers.empty())
        if (const ForStmt *Loop = indexLoopOver(Wait, Containers)) {
          S.Joins.push_back({Wait, I, Name.str(), Loop});
          continue;
        }
      const VarDecl *Var = varOf(Object);
      if (!Var)
        continue;
      // A call on the container that waits for every handle in it.
      if (isContainerWait(Name) && llvm::is_contained(Containers, Var)) {
        S.Joins.push_back({Wait, I, Name.str()});
        continue;
      }
      if ((isHandleWait(Name) && llvm::is_contained(Handles, Var)) ||
          (isPoolWait(Name) && Var == Pool)) {
        S.Joins.push_back({Wait, I, Name.str()});
        continue;
      }
      // A latch or a barrier the task arrives at.
      if (SyncKind Kind = getSyncKind(Var);
          isSyncWait(Kind, Name) && taskArrivesAt(Spawn, Var, Kind)) {
        S.Joins.push_back({Wait, I, Name.str()});
        continue;
      }
      if (!isHandleWait(Name) || Containers.empty())
        continue;
      for (const CXXForRangeStmt *Loop : Loops)
        if (Loop->getLoopVariable() == Var &&
            llvm::is_contained(Containers, varOf(Loop->getRangeInit()))) {
          S.Joins.push_back({Wait, I, Name.str(), Loop});
          break;
        }
    }
    // The handles' destructors, after the explicit waits: a read after
    // both is reported at the explicit one.
    Handles.append(Containers.begin(), Containers.end());
    addScopeJoins(S, I, Handles);
  }
}

} // namespace ctxloss
