//===--- SuspendRecognizer.cpp - Suspensions that change thread -----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/SuspendRecognizer.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace ctxloss {

static const CXXMemberCallExpr *findMemberCall(const Stmt *E, StringRef Name) {
  if (!E)
    return nullptr;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *M = Call->getMethodDecl())
      if (M->getDeclName().isIdentifier() && M->getName() == Name)
        return Call;
  if (isa<LambdaExpr>(E))
    return nullptr;
  for (const Stmt *Child : E->children())
    if (const CXXMemberCallExpr *Found = findMemberCall(Child, Name))
      return Found;
  return nullptr;
}

static const CXXRecordDecl *classOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const Type *Pointee = T->getPointeeOrArrayElementType())
    return Pointee->getAsCXXRecordDecl();
  return nullptr;
}

/// Whether \p E names \p Var, or one of \p Fields (members holding the
/// handle), anywhere, lambda bodies and captures included.
static bool mentions(const Stmt *E, const VarDecl *Var,
                     const llvm::SmallPtrSetImpl<const FieldDecl *> &Fields) {
  if (!E)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (Ref->getDecl() == Var)
      return true;
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      if (Fields.contains(Field))
        return true;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return llvm::any_of(
               Lambda->capture_inits(),
               [&](const Expr *Init) { return mentions(Init, Var, Fields); }) ||
           mentions(Lambda->getBody(), Var, Fields);
  return llvm::any_of(E->children(), [&](const Stmt *Child) {
    return mentions(Child, Var, Fields);
  });
}

/// What a function does with the coroutine handle it receives: the calls
/// and constructions that take it, and the members it is stored in.
static const Expr *stripAwaited(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temp->getSubExpr();
    else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E);
             Ctor && Ctor->getNumArgs() == 1 &&
             (Ctor->getConstructor()->isCopyOrMoveConstructor()))
      E = Ctor->getArg(0);
    else
      return E;
  }
  return E;
}

namespace {

/// The explicit suspensions of a coroutine body, not those of the lambdas
/// or local classes written in it.
class SuspendCollector : public RecursiveASTVisitor<SuspendCollector> {
public:
  explicit SuspendCollector(FunctionSummary &S) : S(S) {}

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }

  bool VisitCoawaitExpr(CoawaitExpr *E) {
    if (!E->isImplicit())
      add(E);
    return true;
  }
  bool VisitCoyieldExpr(CoyieldExpr *E) {
    add(E);
    return true;
  }

private:
  void add(const CoroutineSuspendExpr *E) {
    if (E->getType().isNull() || E->containsErrors())
      return;
    S.Suspends.push_back(E);
    if (const CXXMemberCallExpr *Resume = getAwaitResumeCall(E))
      if (const CXXMethodDecl *M = Resume->getMethodDecl())
        if (const FunctionDecl *Def = M->getDefinition())
          if (Def->hasBody() && !Def->isInvalidDecl())
            S.Calls.push_back({Def, Resume});
  }

  FunctionSummary &S;
};

/// The first call of a member named \p Name in \p E, not looking into
/// lambdas.
class HandleUses : public RecursiveASTVisitor<HandleUses> {
public:
  explicit HandleUses(const VarDecl *Handle) : Handle(Handle) {}

  bool VisitBinaryOperator(BinaryOperator *E) {
    if (E->isAssignmentOp())
      if (const auto *Member =
              dyn_cast<MemberExpr>(E->getLHS()->IgnoreParenImpCasts()))
        if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
          if (mentions(E->getRHS(), Handle, Fields))
            Fields.insert(Field);
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *E) {
    if (E->isAssignmentOp() && E->getNumArgs() == 2)
      if (const auto *Member =
              dyn_cast<MemberExpr>(E->getArg(0)->IgnoreParenImpCasts()))
        if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
          if (mentions(E->getArg(1), Handle, Fields))
            Fields.insert(Field);
    return true;
  }
  bool VisitCallExpr(CallExpr *E) {
    Calls.push_back(E);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    Ctors.push_back(E);
    return true;
  }

  const VarDecl *Handle;
  llvm::SmallPtrSet<const FieldDecl *, 2> Fields;
  llvm::SmallVector<const CallExpr *, 8> Calls;
  llvm::SmallVector<const CXXConstructExpr *, 2> Ctors;
};

} // namespace

void collectSuspends(const Decl *Fn, FunctionSummary &S) {
  if (!Fn || Fn->isInvalidDecl())
    return;
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Fn->getBody());
  if (!Body || !Body->getBody())
    return;
  SuspendCollector(S).TraverseStmt(Body->getBody());
}

const CXXMemberCallExpr *getAwaitSuspendCall(const CoroutineSuspendExpr *E) {
  return findMemberCall(E->getSuspendExpr(), "await_suspend");
}

const CXXMemberCallExpr *getAwaitResumeCall(const CoroutineSuspendExpr *E) {
  return findMemberCall(E->getResumeExpr(), "await_resume");
}

bool isAsioAwaitable(QualType T) {
  const CXXRecordDecl *Class = classOf(T);
  if (!Class || !Class->getIdentifier() || Class->getName() != "awaitable")
    return false;
  std::string Name = Class->getQualifiedNameAsString();
  return Name == "boost::asio::awaitable" || Name == "asio::awaitable";
}

void SuspendRecognizer::awaitedNames(const CoroutineSuspendExpr *E,
                                     llvm::SmallVectorImpl<std::string> &Out) {
  auto AddClass = [&](QualType T) {
    if (const CXXRecordDecl *Class = classOf(T))
      Out.push_back(Class->getQualifiedNameAsString());
  };
  if (const Expr *Operand = E->getOperand()) {
    AddClass(Operand->getType());
    if (const auto *Call = dyn_cast_or_null<CallExpr>(stripAwaited(Operand)))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        Out.push_back(Callee->getQualifiedNameAsString());
  }
  if (const Expr *Common = E->getCommonExpr())
    AddClass(Common->getType());
}

void SuspendRecognizer::notePoolCoroutine(const FunctionDecl *Coroutine,
                                          const Stmt *Start) {
  PoolCoroutines.try_emplace(Coroutine->getCanonicalDecl(), Start);
}

bool SuspendRecognizer::isPoolCoroutine(const FunctionDecl *Coroutine) const {
  return PoolCoroutines.contains(Coroutine->getCanonicalDecl());
}

bool SuspendRecognizer::isPoolLike(QualType T) const {
  const CXXRecordDecl *Class = classOf(T);
  if (!Class || !Class->getIdentifier())
    return false;
  // The executor of a pool is a nested class (`thread_pool::executor_type`).
  for (const DeclContext *DC = Class; DC; DC = DC->getParent())
    if (const auto *Record = dyn_cast<CXXRecordDecl>(DC))
      if (Record->getIdentifier() && Pools.Classes.matches(Record->getName()))
        return true;
  return false;
}

bool SuspendRecognizer::findHandOff(const FunctionDecl *Fn,
                                    const VarDecl *Handle, unsigned Depth,
                                    ThreadChange &Out) const {
  const FunctionDecl *Def = Fn->getDefinition();
  if (!Def || !Def->hasBody() || Def->isInvalidDecl() ||
      Def->isDependentContext())
    return false;
  HandleUses Uses(Handle);
  Uses.TraverseStmt(Def->getBody());
  auto Mentions = [&](const Expr *Arg) {
    return mentions(Arg, Handle, Uses.Fields);
  };
  auto Spawned = [&](const SpawnMatch &M, const Stmt *At) {
    if (!llvm::any_of(M.Callables, Mentions))
      return false;
    Out.HandOff = At;
    Out.Name = M.Boundary;
    return true;
  };
  for (const CXXConstructExpr *Ctor : Uses.Ctors)
    if (std::optional<SpawnMatch> M = Spawns.match(Ctor);
        M && Spawned(*M, Ctor))
      return true;
  for (const CallExpr *Call : Uses.Calls)
    if (std::optional<SpawnMatch> M = Spawns.match(Call);
        M && Spawned(*M, Call))
      return true;
  // A helper that receives the handle, as a parameter, and spawns it.
  if (Depth >= 3)
    return false;
  for (const CallExpr *Call : Uses.Calls) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      continue;
    for (unsigned I = 0, N = Call->getNumArgs(); I != N; ++I) {
      if (!Mentions(Call->getArg(I)))
        continue;
      std::optional<unsigned> Index = paramIndexOfArg(Call, Callee, I);
      if (!Index || *Index >= Callee->getNumParams())
        continue;
      const FunctionDecl *CalleeDef = Callee->getDefinition();
      if (!CalleeDef || *Index >= CalleeDef->getNumParams())
        continue;
      if (findHandOff(CalleeDef, CalleeDef->getParamDecl(*Index), Depth + 1,
                      Out)) {
        Out.Chain.insert(Out.Chain.begin(), Call);
        Out.ChainCallers.insert(Out.ChainCallers.begin(), Def);
        return true;
      }
    }
  }
  return false;
}

void SuspendRecognizer::findElsewhere(
    const FunctionDecl *Fn, const VarDecl *Handle, unsigned Depth,
    const ThreadChange &Prefix,
    llvm::SmallVectorImpl<ThreadChange> &Out) const {
  const FunctionDecl *Def = Fn->getDefinition();
  if (!Def || !Def->hasBody() || Def->isInvalidDecl() ||
      Def->isDependentContext())
    return;
  HandleUses Uses(Handle);
  Uses.TraverseStmt(Def->getBody());
  for (const CallExpr *Call : Uses.Calls) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || Callee->isInStdNamespace())
      continue;
    for (unsigned I = 0, N = Call->getNumArgs(); I != N; ++I) {
      if (!mentions(Call->getArg(I), Handle, Uses.Fields))
        continue;
      std::optional<unsigned> Index = paramIndexOfArg(Call, Callee, I);
      if (!Index || *Index >= Callee->getNumParams())
        continue;
      ThreadChange Next = Prefix;
      Next.Chain.push_back(Call);
      Next.ChainCallers.push_back(Def);
      const FunctionDecl *CalleeDef = Callee->getDefinition();
      if (!CalleeDef || !CalleeDef->hasBody()) {
        Next.ElsewhereCallee = Callee;
        Next.ElsewhereParam = *Index;
        Out.push_back(std::move(Next));
      } else if (Depth < 3 && *Index < CalleeDef->getNumParams()) {
        findElsewhere(CalleeDef, CalleeDef->getParamDecl(*Index), Depth + 1,
                      Next, Out);
      }
    }
  }
}

void SuspendRecognizer::handOffsElsewhere(
    const CoroutineSuspendExpr *E,
    llvm::SmallVectorImpl<ThreadChange> &Out) const {
  // Asio's awaitables are decided by the executor rule alone.
  if (E->getOperand() && isAsioAwaitable(E->getOperand()->getType()))
    return;
  llvm::SmallVector<std::string, 3> Names;
  awaitedNames(E, Names);
  if (llvm::any_of(Names, [&](const std::string &Name) {
        return Options.SameThreadAwaitables.matches(Name);
      }))
    return;
  const CXXMemberCallExpr *Suspend = getAwaitSuspendCall(E);
  const CXXMethodDecl *AwaitSuspend =
      Suspend ? Suspend->getMethodDecl() : nullptr;
  if (!AwaitSuspend || AwaitSuspend->getNumParams() != 1)
    return;
  const FunctionDecl *Def = AwaitSuspend->getDefinition();
  if (!Def || !Def->hasBody())
    return;
  ThreadChange Prefix;
  Prefix.Kind = ThreadChange::HandsOff;
  Prefix.Awaiter = AwaitSuspend->getParent();
  Prefix.AwaitSuspend = Def;
  findElsewhere(Def, Def->getParamDecl(0), 0, Prefix, Out);
}

std::optional<ThreadChange>
SuspendRecognizer::scheduleIdiom(const CoroutineSuspendExpr *E) const {
  const auto *Call = dyn_cast_or_null<CallExpr>(stripAwaited(E->getOperand()));
  if (!Call)
    return std::nullopt;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return std::nullopt;
  ThreadChange Change;
  Change.Kind = ThreadChange::ScheduleOn;
  Change.Name = Callee->getQualifiedNameAsString();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    if (Callee->getName() == "schedule" &&
        isPoolLike(Member->getImplicitObjectArgument()->getType()))
      return Change;
    return std::nullopt;
  }
  StringRef Name = Callee->getName();
  bool Named =
      Name == "resume_on" || Name == "schedule_on" || Name == "switch_to";
  if (Named && llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
        return isPoolLike(Arg->getType());
      }))
    return Change;
  return std::nullopt;
}

std::optional<ThreadChange>
SuspendRecognizer::mayChangeThread(const CoroutineSuspendExpr *E,
                                   const FunctionDecl *Coroutine) const {
  llvm::SmallVector<std::string, 3> Names;
  awaitedNames(E, Names);
  if (llvm::any_of(Names, [&](const std::string &Name) {
        return Options.SameThreadAwaitables.matches(Name);
      }))
    return std::nullopt;
  const CXXMemberCallExpr *Suspend = getAwaitSuspendCall(E);
  const CXXMethodDecl *AwaitSuspend =
      Suspend ? Suspend->getMethodDecl() : nullptr;
  ThreadChange Change;
  Change.Awaiter = AwaitSuspend ? AwaitSuspend->getParent() : nullptr;
  for (const std::string &Name : Names)
    if (Options.Awaitables.matches(Name)) {
      Change.Kind = ThreadChange::Option;
      Change.Name = Name;
      return Change;
    }
  // Asio resumes on the coroutine's own executor.
  if (E->getOperand() && isAsioAwaitable(E->getOperand()->getType())) {
    auto It = PoolCoroutines.find(Coroutine->getCanonicalDecl());
    if (It == PoolCoroutines.end())
      return std::nullopt;
    Change.Kind = ThreadChange::AsioPool;
    Change.HandOff = It->second;
    return Change;
  }
  if (AwaitSuspend && AwaitSuspend->getNumParams() == 1) {
    const FunctionDecl *Def = AwaitSuspend->getDefinition();
    if (Def && Def->hasBody()) {
      Change.Kind = ThreadChange::HandsOff;
      Change.AwaitSuspend = Def;
      if (findHandOff(Def, Def->getParamDecl(0), 0, Change))
        return Change;
      // A visible await_suspend that hands the handle to no thread resumes
      // inline or on the same thread.
      return std::nullopt;
    }
  }
  if (std::optional<ThreadChange> Idiom = scheduleIdiom(E)) {
    Idiom->Awaiter = Change.Awaiter;
    return Idiom;
  }
  return std::nullopt;
}

} // namespace ctxloss
