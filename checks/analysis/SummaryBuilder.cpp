//===--- SummaryBuilder.cpp - Summarise one function body -----------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/SummaryBuilder.h"
#include "checks/analysis/Annotations.h"
#include "checks/analysis/CallableResolver.h"
#include "checks/analysis/JoinRecognizer.h"
#include "checks/analysis/SuspendRecognizer.h"
#include "checks/analysis/TaskObjects.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtOpenMP.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/OpenMPKinds.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ctxloss {

SourceLocation getReadLoc(const ContextRead &Read) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Read.Ref))
    return Ref->getLocation();
  return getCallNameLoc(Read.Ref);
}

std::string contextName(ContextKey Key) {
  if (const auto *Var = Key.dyn_cast<const VarDecl *>())
    return Var->getName().str();
  return cast<const Profile *>(Key)->Name;
}

std::string describeContext(ContextKey Key) {
  if (const auto *P = Key.dyn_cast<const Profile *>())
    return P->Description;
  const auto *Var = cast<const VarDecl *>(Key);
  std::string Kind = "thread-specific data of key '";
  if (isThreadLocal(Var))
    Kind = "thread-local '";
  else if (isWrapperObject(Var))
    Kind = "per-thread value of '";
  return Kind + storageName(Var) + "'";
}

std::string describeFunction(const Decl *D) {
  if (isa<CapturedDecl>(D))
    return "the OpenMP region";
  if (const auto *Method = dyn_cast<CXXMethodDecl>(D))
    if (Method->getParent()->isLambda())
      return "the lambda";
  return "'" + cast<NamedDecl>(D)->getQualifiedNameAsString() + "'";
}

/// Directives whose region runs on other threads: a parallel team or a task.
static bool isSpawnDirective(const OMPExecutableDirective *D) {
  OpenMPDirectiveKind Kind = D->getDirectiveKind();
  return D->hasAssociatedStmt() &&
         (isOpenMPParallelDirective(Kind) || isOpenMPTaskingDirective(Kind));
}

std::optional<unsigned> paramIndexOfArg(const CallExpr *Call,
                                        const FunctionDecl *Callee,
                                        unsigned Arg) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (isa<CXXOperatorCallExpr>(Call) && Method && Method->isInstance()) {
    if (Arg == 0)
      return std::nullopt;
    return Arg - 1;
  }
  return Arg;
}

bool isWrittenWithin(const SourceManager &SM, const Stmt *Scope,
                     const Stmt *S) {
  const auto *Default = dyn_cast<CXXDefaultArgExpr>(S);
  SourceLocation At = SM.getExpansionLoc(Default ? Default->getUsedLocation()
                                                 : S->getBeginLoc());
  return !SM.isBeforeInTranslationUnit(
             At, SM.getExpansionLoc(Scope->getBeginLoc())) &&
         !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Scope->getEndLoc()),
                                       At);
}

SourceLocation getCallNameLoc(const Expr *Call) {
  if (const auto *CE = dyn_cast<CallExpr>(Call)) {
    if (isa<CXXOperatorCallExpr>(CE))
      return CE->getExprLoc();
    const Expr *Callee = CE->getCallee()->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Callee))
      return Ref->getLocation();
    if (const auto *Member = dyn_cast<MemberExpr>(Callee))
      return Member->getMemberLoc();
  }
  if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Call))
    return Ctor->getLocation();
  return Call->getExprLoc();
}

/// A null pointer constant, an integer zero or `false`: the value a
/// thread-local of pointer, integer or bool type starts with in a new thread.
static bool isInitialConstant(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(E))
    return !Bool->getValue();
  if (const auto *Int = dyn_cast<IntegerLiteral>(E))
    return Int->getValue().isZero();
  return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
         Expr::NPCK_NotNull;
}

/// The parameter a written value is, through parentheses and casts
/// (`reinterpret_cast<ThreadImpl *>(pThread)`), or null.
static const ParmVarDecl *getOwnParam(const Expr *Value) {
  const auto *Ref = dyn_cast<DeclRefExpr>(Value->IgnoreParenCasts());
  return Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
}

static bool isNonConstLValueRef(QualType T) {
  const auto *Ref = T->getAs<LValueReferenceType>();
  return Ref && !Ref->getPointeeType().isConstQualified();
}

static bool isInSystemHeader(const Decl *D) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
}

namespace {

/// Collects the thread-local reads of one default argument.
class DefaultArgReads : public RecursiveASTVisitor<DefaultArgReads> {
public:
  DefaultArgReads(FunctionSummary &S, const CXXDefaultArgExpr *Arg)
      : S(S), Arg(Arg) {}

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *) {
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *Var = dyn_cast<VarDecl>(E->getDecl()))
      if (isThreadLocal(Var))
        S.Reads.push_back({Var->getCanonicalDecl(), E, Arg});
    return true;
  }

private:
  FunctionSummary &S;
  const CXXDefaultArgExpr *Arg;
};

class BodyWalker : public RecursiveASTVisitor<BodyWalker> {
public:
  BodyWalker(FunctionSummary &S, const SummaryContext &With, ASTContext &Ctx)
      : S(S), Spawns(With.Spawns), Profiles(With.Profiles),
        Accessors(With.Accessors), With(With), Ctx(Ctx) {}

  /// An accessor's returned storage is handed out, not used: the caller's
  /// use of the call is the read or the write.
  void skipAliasReturns(const FunctionDecl *Fn) {
    if (!Accessors.aliasOf(Fn))
      return;
    llvm::SmallVector<const ReturnStmt *, 2> Returns;
    collectReturns(Fn->getBody(), Returns);
    for (const ReturnStmt *Return : Returns)
      if (const Expr *Value = Return->getRetValue())
        if (StorageRef Ref = Accessors.aliasReturned(Fn, Value)) {
          AliasReturns.insert(Ref.Ref);
          AliasReturns.insert(Value->IgnoreParenImpCasts());
        }
  }

  /// The value of \p E is only kept aside (`prev_(tl)`, `auto saved =
  /// Get();`, `prev_ = tl;`): the read saves the previous value, which is
  /// not a use when the function also writes the context.
  void noteSave(const Expr *E) {
    const Expr *Source = stripCopies(E);
    if (StorageRef Ref = Accessors.designate(Source, /*AllowValues=*/true))
      Saves.insert(Ref.Ref);
    else if (isa<CallExpr>(Source))
      Saves.insert(Source);
  }

  // The branch taken while a thread-local still has its initial value
  // (`if (!tl) { tl = ...; }`) initialises this thread's own state.
  // Its test reads the thread's own state, not the context a task lacks.
  bool TraverseIfStmt(IfStmt *If) {
    if (!If->getCond() || !testsInitialValue(If->getCond()))
      return RecursiveASTVisitor::TraverseIfStmt(If);
    if (!WalkUpFromIfStmt(If))
      return false;
    if (If->getInit() && !TraverseStmt(If->getInit()))
      return false;
    ++InitialValueTests;
    Stmt *CondVar = If->getConditionVariableDeclStmt();
    bool Tested =
        (!CondVar || TraverseStmt(CondVar)) && TraverseStmt(If->getCond());
    --InitialValueTests;
    if (!Tested)
      return false;
    ++InitialValueGuards;
    bool Result = TraverseStmt(If->getThen());
    --InitialValueGuards;
    return Result && TraverseStmt(If->getElse());
  }

  // Guards live until the end of their compound statement.
  bool TraverseCompoundStmt(CompoundStmt *C) {
    Scopes.push_back(C);
    Joins.noteCompound(C);
    bool Result = RecursiveASTVisitor::TraverseCompoundStmt(C);
    Scopes.pop_back();
    return Result;
  }

  // A lambda's body is its call operator's; only the captures are evaluated
  // where the lambda is written.
  bool TraverseLambdaExpr(LambdaExpr *E) {
    if (!WalkUpFromLambdaExpr(E))
      return false;
    return llvm::all_of(E->capture_inits(), [this](Expr *Init) {
      return !Init || TraverseStmt(Init);
    });
  }

  // Unevaluated operands read nothing.
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *) {
    return true;
  }
  bool TraverseCXXNoexceptExpr(CXXNoexceptExpr *) { return true; }
  bool TraverseCXXTypeidExpr(CXXTypeidExpr *E) {
    return E->isPotentiallyEvaluated()
               ? RecursiveASTVisitor::TraverseCXXTypeidExpr(E)
               : true;
  }
  bool TraverseDecltypeTypeLoc(DecltypeTypeLoc, bool = false) { return true; }
  bool TraverseRequiresExpr(RequiresExpr *) { return true; }

  // Local classes and functions are summarised when they are called.
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseRecordDecl(RecordDecl *) { return true; }
  bool TraverseFunctionDecl(FunctionDecl *) { return true; }

  // A parallel or task region runs on other threads: it is a spawn, and its
  // body a function of its own. Its clauses run on the encountering thread
  // and are traversed as usual.
  bool VisitOMPExecutableDirective(OMPExecutableDirective *D) {
    if (!isSpawnDirective(D))
      return true;
    SpawnSite Spawn;
    Spawn.Call = D;
    Spawn.Boundary = ("#pragma omp " +
                      llvm::omp::getOpenMPDirectiveName(
                          D->getDirectiveKind(), llvm::omp::FallbackVersion))
                         .str();
    Spawn.Region = D->getInnermostCapturedStmt()->getCapturedDecl();
    // The runtime keeps the team's threads (and the encountering thread
    // runs the region too): a reused worker.
    Spawn.ReusedWorker = true;
    for (const auto *Copyin : D->getClausesOfKind<OMPCopyinClause>())
      for (const Expr *Item : Copyin->varlist())
        if (const auto *Ref =
                dyn_cast<DeclRefExpr>(Item->IgnoreParenImpCasts()))
          if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
            Spawn.Carried.push_back(Var->getCanonicalDecl());
    S.Spawns.push_back(std::move(Spawn));
    SpawnedRegions.insert(cast<CapturedStmt>(D->getAssociatedStmt()));
    return true;
  }

  bool TraverseCapturedStmt(CapturedStmt *S) {
    return SpawnedRegions.contains(S)
               ? true
               : RecursiveASTVisitor::TraverseCapturedStmt(S);
  }

  bool VisitLambdaExpr(LambdaExpr *E) {
    if (const FunctionDecl *Op = getDefinitionWithBody(E->getCallOperator()))
      S.Lambdas.push_back(Op);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *E) {
    if (!E->isAssignmentOp())
      return true;
    markWrite(E->getLHS(), E);
    // `prev_ = tl;` keeps the old value in a member or a local.
    const Expr *Target = E->getLHS()->IgnoreParenImpCasts();
    if (E->getOpcode() == BO_Assign &&
        (isa<MemberExpr>(Target) ||
         (isa<DeclRefExpr>(Target) && !Accessors.designate(Target))))
      noteSave(E->getRHS());
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *E) {
    // Taking the address lets the variable be changed through the pointer.
    if ((E->isIncrementDecrementOp() || E->getOpcode() == UO_AddrOf) &&
        !AliasReturns.contains(E))
      markWrite(E->getSubExpr(), E);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    const CXXConstructorDecl *Ctor = E->getConstructor();
    if (!Ctor)
      return true;
    markReferenceArgs(Ctor, E->arguments(), E);
    notePattern(Ctor, E->arguments());
    if (const Profile *P = Profiles.restoredBy(Ctor))
      if (hasWrittenArgs(E->arguments()) && VarInits.contains(E))
        addWrite(P, E);
    if (std::optional<SpawnMatch> M = Spawns.match(E)) {
      addSpawn(E, Ctor, std::move(*M));
      return true;
    }
    if (!Ctor->isTrivial() && !Ctor->isImplicit() && !isInSystemHeader(Ctor))
      addCall(Ctor, E);
    return true;
  }

  bool VisitCallExpr(CallExpr *E) {
    noteKeptOutside(E);
    Joins.noteCall(E);
    const FunctionDecl *Callee = E->getDirectCallee();
    if (Callee)
      markCallWrites(E, Callee);
    if (visitStorageCall(E, Callee))
      return true;
    // A call of a callable parameter runs whatever the caller passed.
    if (const ParmVarDecl *Param = getInvokedParam(E, Callee)) {
      S.Invocations.push_back({Param, E});
      return true;
    }
    if (!Callee)
      return true;
    notePattern(Callee, E->arguments());
    bool Logging = false;
    if (const Profile *P = Profiles.readBy(Callee, Logging)) {
      if (!P->IsRead || P->IsRead(E))
        S.Reads.push_back({P, E, nullptr, Logging});
      return true;
    }
    if (const Profile *P = Profiles.exitedBy(Callee)) {
      S.Writes.push_back({P, E, nullptr, /*Ends=*/true});
      return true;
    }
    if (const Profile *P = Profiles.restoredBy(Callee)) {
      // A guard that is not kept restores nothing past its statement; one
      // kept outside the function's locals (a data member, a global) holds
      // past its end.
      if (hasWrittenArgs(E->arguments()) &&
          (!Profiles.isGuardCall(Callee) || VarInits.contains(E) ||
           KeptOutside.contains(E)))
        addWrite(P, E);
      return true;
    }
    if (std::optional<SpawnMatch> M = Spawns.match(E)) {
      addSpawn(E, Callee, std::move(*M));
      return true;
    }
    if (Callee->isInStdNamespace()) {
      // Standard algorithms and utilities run the lambdas they are given
      // before they return.
      for (const Expr *Arg : E->arguments())
        if (const LambdaExpr *Lambda = getLambda(Arg))
          if (const FunctionDecl *Op =
                  getDefinitionWithBody(Lambda->getCallOperator()))
            S.Calls.push_back({Op, Lambda, Callee});
      return true;
    }
    if (isInSystemHeader(Callee))
      return true;
    if (isUnresolvedVirtualCall(E, Callee)) {
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee)) {
        S.VirtualCalls.push_back({Method->getCanonicalDecl(), E});
        // A framework's thread entry running its task object.
        if (isTaskEntryMethod(Method))
          S.TaskCalls.push_back({Method->getCanonicalDecl(), E});
      }
      return true;
    }
    addCall(Callee, E);
    return true;
  }

  // A default argument is evaluated by the caller, at the call: its reads
  // are the caller's.
  bool VisitCXXDefaultArgExpr(CXXDefaultArgExpr *E) {
    DefaultArgReads Reads(S, E);
    Reads.TraverseStmt(E->getExpr());
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    const auto *Var = dyn_cast<VarDecl>(E->getDecl());
    if (!isThreadLocal(Var) || WriteTargets.contains(E) ||
        AliasReturns.contains(E) || InitialValueTests > 0)
      return true;
    addRead(Var->getCanonicalDecl(), E);
    return true;
  }

  // A future initialised from a spawn, and a timed wait on it.
  bool VisitVarDecl(VarDecl *D) {
    if (!D->hasInit())
      return true;
    Joins.noteVar(D, Scopes.empty() ? nullptr : Scopes.back());
    if (D->isLocalVarDecl() && !Scopes.empty())
      VarInits.try_emplace(stripInit(D->getInit()), Scopes.back());
    // `auto &Id = request_id;` may change it through the reference.
    if (isNonConstLValueRef(D->getType())) {
      markWrite(D->getInit(), D->getInit());
    } else if (!D->getType()->isReferenceType()) {
      FutureInits.push_back({D, D->getInit()});
      if (D->isLocalVarDecl())
        noteSave(D->getInit());
    }
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *E) {
    const CXXMethodDecl *Method = E->getMethodDecl();
    if (!Method || !Method->getIdentifier() ||
        !llvm::is_contained({"wait_for", "wait_until"}, Method->getName()))
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(
        E->getImplicitObjectArgument()->IgnoreParenImpCasts());
    if (Ref)
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        TimedWaits.push_back({Var, E});
    return true;
  }

  bool VisitForStmt(ForStmt *S) {
    Joins.noteFor(S);
    return true;
  }

  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) {
    Joins.noteRangeFor(S);
    return true;
  }

  /// Links each timed wait to the spawn whose future it waits on, and
  /// records the waits for the spawned tasks.
  void finish() {
    Joins.finish(S);
    for (auto [Var, Wait] : TimedWaits)
      for (auto [Init, InitExpr] : FutureInits) {
        if (Init != Var)
          continue;
        const Expr *Spawned = InitExpr->IgnoreImplicit();
        if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Spawned))
          if (Ctor->getNumArgs() == 1)
            Spawned = Ctor->getArg(0)->IgnoreImplicit();
        for (SpawnSite &Spawn : S.Spawns)
          if (Spawn.Call == Spawned && !Spawn.TimeoutWait)
            Spawn.TimeoutWait = Wait;
      }
  }

private:
  /// A result assigned to an object that is not a local variable
  /// (`Member = RuntimeContext::Attach(Ctx)`) is kept past the function.
  void noteKeptOutside(const CallExpr *E) {
    const auto *Assign = dyn_cast<CXXOperatorCallExpr>(E);
    if (!Assign || Assign->getOperator() != OO_Equal ||
        Assign->getNumArgs() != 2)
      return;
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Assign->getArg(0)->IgnoreParenImpCasts()))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        if (Var->isLocalVarDecl() && !Var->isStaticLocal())
          return;
    KeptOutside.insert(stripInit(Assign->getArg(1)));
  }

  /// Whether the condition \p E holds only while some context storage still
  /// has its initial value: `!tl`, `tl == nullptr`, `nullptr == tl`,
  /// `tl == 0`, `Get() == nullptr` for a getter, `!pthread_getspecific(k)`,
  /// one of them in a conjunction or in `__builtin_expect` (`UNLIKELY`).
  bool testsInitialValue(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    auto IsStorage = [this](const Expr *Operand) {
      return static_cast<bool>(
          Accessors.designate(Operand, /*AllowValues=*/true));
    };
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return Call->getBuiltinCallee() == Builtin::BI__builtin_expect &&
             Call->getNumArgs() > 0 && testsInitialValue(Call->getArg(0));
    if (const auto *Not = dyn_cast<UnaryOperator>(E))
      return Not->getOpcode() == UO_LNot && IsStorage(Not->getSubExpr());
    const auto *Bin = dyn_cast<BinaryOperator>(E);
    if (!Bin)
      return false;
    if (Bin->getOpcode() == BO_LAnd)
      return testsInitialValue(Bin->getLHS()) ||
             testsInitialValue(Bin->getRHS());
    if (Bin->getOpcode() != BO_EQ)
      return false;
    return (IsStorage(Bin->getLHS()) &&
            isInitialConstant(Bin->getRHS(), Ctx)) ||
           (IsStorage(Bin->getRHS()) && isInitialConstant(Bin->getLHS(), Ctx));
  }

  void addRead(ContextKey Key, const Expr *E,
               const FunctionDecl *Accessor = nullptr) {
    ContextRead Read{Key, E};
    Read.Accessor = Accessor;
    Read.Saved = Saves.contains(E);
    S.Reads.push_back(Read);
  }

  /// A call that designates context storage: an accessor's, or a key's
  /// `pthread_getspecific`/`pthread_setspecific`. Returns whether it was.
  bool visitStorageCall(const CallExpr *E, const FunctionDecl *Callee) {
    if (!Callee)
      return false;
    const VarDecl *Object = nullptr;
    switch (Accessors.wrapperUse(E, Object)) {
    case AccessorIndex::WrapperUse::None:
      break;
    case AccessorIndex::WrapperUse::Write:
      S.Writes.push_back({Object, E});
      S.Writes.back().PerThreadInit =
          InitialValueGuards > 0 || E->getNumArgs() == 0 ||
          isInitialConstant(E->getArg(E->getNumArgs() - 1), Ctx);
      if (E->getNumArgs() != 0)
        S.Writes.back().FromParam = getOwnParam(E->getArg(E->getNumArgs() - 1));
      return true;
    case AccessorIndex::WrapperUse::Value:
    case AccessorIndex::WrapperUse::Pointer:
      if (!WriteTargets.contains(E) && !AliasReturns.contains(E) &&
          InitialValueTests == 0)
        addRead(Object, E);
      return true;
    case AccessorIndex::WrapperUse::Other:
      return true;
    }
    bool IsWrite = false;
    if (const VarDecl *Key = getThreadSpecificKey(E, IsWrite)) {
      if (!IsWrite) {
        if (InitialValueTests == 0)
          addRead(Key, E);
        return true;
      }
      S.Writes.push_back({Key, E});
      S.Writes.back().PerThreadInit =
          InitialValueGuards > 0 || isInitialConstant(E->getArg(1), Ctx);
      S.Writes.back().FromParam = getOwnParam(E->getArg(1));
      return true;
    }
    std::optional<StorageAlias> Alias = Accessors.aliasOf(Callee);
    if (!Alias)
      return false;
    // A getter stays a call to a function that reads the variable, except
    // in a test of its initial value.
    if (Alias->Kind == AliasKind::Value)
      return InitialValueTests > 0;
    if (!WriteTargets.contains(E) && !AliasReturns.contains(E) &&
        InitialValueTests == 0)
      addRead(Alias->Var, E, Callee);
    return true;
  }

  /// The construction or call a variable's initialiser performs.
  static const Expr *stripInit(const Expr *E) {
    while (true) {
      E = E->IgnoreImplicit();
      if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
        E = Cleanups->getSubExpr();
      else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
        E = Cast->getSubExpr();
      else
        return E;
    }
  }

  /// Whether a call passes an argument of its own (the snapshot to
  /// restore), rather than none or only defaults.
  template <typename Args> static bool hasWrittenArgs(Args Arguments) {
    return llvm::any_of(Arguments, [](const Expr *Arg) {
      return !isa<CXXDefaultArgExpr>(Arg);
    });
  }

  void addWrite(ContextKey Key, const Stmt *At) {
    auto It = VarInits.find(At);
    S.Writes.push_back({Key, At, It == VarInits.end() ? nullptr : It->second});
  }

  /// A logging pattern that prints a profile's context.
  template <typename Args>
  void notePattern(const FunctionDecl *Setter, Args Arguments) {
    const Profile *P = Profiles.patternSetBy(Setter);
    if (!P || llvm::is_contained(S.PatternsSet, P))
      return;
    for (const Expr *Arg : Arguments) {
      const Expr *E = Arg;
      while (E) {
        E = stripInit(E);
        if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E))
          E = Ctor->getNumArgs() > 0 ? Ctor->getArg(0) : nullptr;
        else
          break;
      }
      if (const auto *Literal = dyn_cast_or_null<StringLiteral>(E))
        if (Literal->isOrdinary() && printsContext(*P, Literal->getString())) {
          S.PatternsSet.push_back(P);
          return;
        }
    }
  }

  /// Whether a callable is wrapped in something that carries context.
  bool isPropagatingWrapper(const Expr *Callable) const {
    const Expr *E = stripInit(Callable);
    const FunctionDecl *Fn = nullptr;
    if (const auto *Call = dyn_cast<CallExpr>(E))
      Fn = Call->getDirectCallee();
    else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E))
      Fn = Ctor->getConstructor();
    if (!Fn)
      return false;
    if (propagatesByAnnotation(Fn))
      return true;
    if (With.CaptureWrappers.empty())
      return false;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Fn))
      return With.CaptureWrappers.matches(
          Ctor->getParent()->getQualifiedNameAsString());
    return With.CaptureWrappers.matches(Fn->getQualifiedNameAsString());
  }

  void addSpawn(const Expr *E, const FunctionDecl *Boundary, SpawnMatch M) {
    SpawnSite Spawn{E, std::move(M.Callables), std::move(M.Boundary)};
    Spawn.ReusedWorker = M.ReusedWorker;
    llvm::SmallVector<const Profile *, 2> Carried;
    Profiles.propagatedBy(Boundary, Carried);
    Spawn.Carried.append(Carried.begin(), Carried.end());
    Spawn.CarriesAll = propagatesByAnnotation(Boundary) ||
                       llvm::any_of(Spawn.Callables, [this](const Expr *C) {
                         return isPropagatingWrapper(C);
                       });
    S.Spawns.push_back(std::move(Spawn));
  }

  /// The callable parameter a call invokes: `fn(...)`, `fn.operator()(...)`
  /// on a parameter or a captured parameter, or `std::invoke(fn, ...)`.
  static const ParmVarDecl *getInvokedParam(const CallExpr *E,
                                            const FunctionDecl *Callee) {
    if (!Callee)
      return getCallableParam(E->getCallee());
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
      return Op->getOperator() == OO_Call && Op->getNumArgs() > 0
                 ? getCallableParam(Op->getArg(0))
                 : nullptr;
    if (Callee->isInStdNamespace() && Callee->getIdentifier() &&
        Callee->getName() == "invoke" && E->getNumArgs() > 0)
      return getCallableParam(E->getArg(0));
    return nullptr;
  }

  /// A call to \p Callee: an edge to its body, or an external call when
  /// the body is in another translation unit.
  void addCall(const FunctionDecl *Callee, const Expr *Site) {
    const FunctionDecl *Def = getDefinitionWithBody(Callee);
    CallEdge Edge{Def ? Def : Callee->getCanonicalDecl(), Site};
    // A local object's constructor: what it does holds for its scope.
    if (isa<CXXConstructExpr>(Site)) {
      auto It = VarInits.find(Site);
      Edge.Scope = It == VarInits.end() ? nullptr : It->second;
    }
    Edge.Saved = Saves.contains(Site);
    Edge.WritesResult = WrittenHandouts.contains(Site);
    if (Def)
      S.Calls.push_back(Edge);
    else
      S.ExternalCalls.push_back(Edge);
  }

  void markWrite(const Expr *Target, const Stmt *At) {
    if (StorageRef Ref = Accessors.designate(Target)) {
      WriteTargets.insert(Ref.Ref);
      if (AliasReturns.contains(Ref.Ref))
        return;
      addWrite(Ref.Var, At);
      const auto *Assign = dyn_cast<BinaryOperator>(At);
      S.Writes.back().PerThreadInit =
          InitialValueGuards > 0 ||
          (Assign && Assign->getOpcode() == BO_Assign &&
           isInitialConstant(Assign->getRHS(), Ctx));
      S.Writes.back().InstallsThis =
          Assign && Assign->getOpcode() == BO_Assign &&
          isa<CXXThisExpr>(Assign->getRHS()->IgnoreParenImpCasts());
      if (Assign && Assign->getOpcode() == BO_Assign)
        S.Writes.back().FromParam = getOwnParam(Assign->getRHS());
      return;
    }
    // Through what a function defined elsewhere hands out: the program
    // summary decides whether it is an accessor.
    if (const CallExpr *Handout = getExternalHandout(Target))
      WrittenHandouts.insert(Handout);
    // Through a reference to a profile's live context
    // (`spdlog::mdc::get_context()`).
    if (const auto *Call = dyn_cast<CallExpr>(Target->IgnoreParenImpCasts()))
      if (const FunctionDecl *Fn = Call->getDirectCallee())
        if (const Profile *P = Profiles.contextRefOf(Fn))
          addWrite(P, At);
  }

  template <typename Args>
  void markReferenceArgs(const FunctionDecl *Callee, Args Arguments,
                         const Stmt *At, unsigned ParamOffset = 0) {
    unsigned I = 0;
    for (const Expr *Arg : Arguments) {
      unsigned Param = I++ + ParamOffset;
      if (Param < Callee->getNumParams() &&
          isNonConstLValueRef(Callee->getParamDecl(Param)->getType()))
        markWrite(Arg, At);
    }
  }

  void markCallWrites(const CallExpr *E, const FunctionDecl *Callee) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    bool NonConstMember = Method && Method->isInstance() &&
                          !Method->isConst() && !hasConstOverload(Method);
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
      // `tl->f()` changes the object the thread-local points to, not the
      // thread-local.
      const auto *Access = dyn_cast<MemberExpr>(E->getCallee()->IgnoreParens());
      if (NonConstMember && !(Access && Access->isArrow()))
        markWrite(Member->getImplicitObjectArgument(), E);
      markReferenceArgs(Callee, E->arguments(), E);
      return;
    }
    if (isa<CXXOperatorCallExpr>(E) && Method && E->getNumArgs() > 0) {
      // Argument 0 is the object; the others map to the parameters.
      if (NonConstMember)
        markWrite(E->getArg(0), E);
      markReferenceArgs(Callee, llvm::drop_begin(E->arguments()), E);
      return;
    }
    markReferenceArgs(Callee, E->arguments(), E);
  }

  FunctionSummary &S;
  const SpawnRecognizer &Spawns;
  const ProfileMatcher &Profiles;
  const AccessorIndex &Accessors;
  const SummaryContext &With;
  ASTContext &Ctx;
  /// How many `if (!tl)` branches enclose the statement being walked.
  unsigned InitialValueGuards = 0;
  llvm::SmallVector<const CompoundStmt *, 8> Scopes;
  /// Variable initialisers, and the compound statement of the variable.
  llvm::DenseMap<const Stmt *, const Stmt *> VarInits;
  /// Storage designators written, not read.
  llvm::SmallPtrSet<const Expr *, 4> WriteTargets;
  /// What an accessor's return statements hand out.
  llvm::SmallPtrSet<const Stmt *, 2> AliasReturns;
  /// Reads and calls whose value is kept aside.
  llvm::SmallPtrSet<const Expr *, 2> Saves;
  /// Calls of functions defined elsewhere whose result is written through.
  llvm::SmallPtrSet<const Expr *, 2> WrittenHandouts;
  /// How many initial-value tests enclose the expression being walked.
  unsigned InitialValueTests = 0;
  llvm::SmallPtrSet<const CapturedStmt *, 2> SpawnedRegions;
  llvm::SmallVector<std::pair<const VarDecl *, const Expr *>, 0> FutureInits;
  llvm::SmallVector<std::pair<const VarDecl *, const Expr *>, 0> TimedWaits;
  JoinRecognizer Joins;
  /// Calls whose result is kept outside the function's local variables.
  llvm::SmallPtrSet<const Expr *, 0> KeptOutside;
};

} // namespace

FunctionSummary summarizeFunction(const Decl *Fn, const SummaryContext &With) {
  FunctionSummary S;
  S.Fn = Fn;
  BodyWalker Walker(S, With, Fn->getASTContext());
  if (const auto *Function = dyn_cast<FunctionDecl>(Fn)) {
    Walker.skipAliasReturns(Function);
    if (!With.Accessors.aliasOf(Function))
      S.AliasVia = getAliasVia(Function);
  }
  // Constructor initialisers run as part of the body; a member initialised
  // from the context saves its previous value. So does a default member
  // initialiser the constructor runs (`ExecCtx *last_ = Get();` in gRPC's
  // ExecCtx, whose constructor then installs itself).
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Fn))
    for (const CXXCtorInitializer *Init : Ctor->inits()) {
      const Expr *Value = Init->getInit();
      if (const auto *Default = dyn_cast_or_null<CXXDefaultInitExpr>(Value);
          Default && !Init->isWritten())
        Value = Default->getExpr();
      else if (!Init->isWritten())
        continue;
      if (Init->isAnyMemberInitializer())
        Walker.noteSave(Value);
      Walker.TraverseStmt(const_cast<Expr *>(Value));
    }
  Walker.TraverseStmt(Fn->getBody());
  Walker.finish();
  collectSuspends(Fn, S);
  return S;
}

} // namespace ctxloss
