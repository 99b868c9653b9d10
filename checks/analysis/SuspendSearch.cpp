//===--- SuspendSearch.cpp - Context lost after a suspension --------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/SuspendSearch.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ctxloss {

const Stmt *SuspendFinding::reportedAt() const {
  if (AliasUse)
    return AliasUse;
  return Read ? Read->Ref : nullptr;
}

namespace {

/// A coroutine's CFG, with every subexpression an element, and where each
/// statement is evaluated.
struct CoroutineCFG {
  std::unique_ptr<CFG> Graph;
  llvm::DenseMap<const Stmt *, std::pair<const CFGBlock *, unsigned>> Position;
};

} // namespace

static std::unique_ptr<CoroutineCFG> buildCFG(const FunctionDecl *Fn,
                                              ASTContext &Ctx) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph = CFG::buildCFG(Fn, Fn->getBody(), &Ctx, Options);
  if (!Graph)
    return nullptr;
  auto Result = std::make_unique<CoroutineCFG>();
  Result->Graph = std::move(Graph);
  for (const CFGBlock *Block : *Result->Graph) {
    unsigned Index = 0;
    for (const CFGElement &Element : *Block) {
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        Result->Position.try_emplace(S->getStmt(), Block, Index);
      ++Index;
    }
  }
  return Result;
}

/// Whether some path from just after \p From reaches \p To without
/// evaluating one of \p Blockers first.
static bool reaches(const CoroutineCFG &G, const Stmt *From, const Stmt *To,
                    const llvm::SmallPtrSetImpl<const Stmt *> &Blockers) {
  auto FromPos = G.Position.find(From);
  if (FromPos == G.Position.end() || !G.Position.contains(To))
    return false;
  bool Found = false;
  // Whether the path goes on past the block's end.
  auto Scan = [&](const CFGBlock *Block, unsigned Start) {
    for (unsigned I = Start, N = Block->size(); I < N; ++I) {
      std::optional<CFGStmt> S = (*Block)[I].getAs<CFGStmt>();
      if (!S)
        continue;
      if (S->getStmt() == To) {
        Found = true;
        return false;
      }
      if (Blockers.contains(S->getStmt()))
        return false;
    }
    return true;
  };
  llvm::SmallVector<const CFGBlock *, 8> Work;
  llvm::SmallPtrSet<const CFGBlock *, 8> Seen;
  auto PushSuccessors = [&](const CFGBlock *Block) {
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
      if (const CFGBlock *Next = Succ.getReachableBlock())
        Work.push_back(Next);
  };
  auto [FromBlock, FromIndex] = FromPos->second;
  // The suspension's own block is scanned again from its start when a loop
  // comes back to it.
  if (Scan(FromBlock, FromIndex + 1))
    PushSuccessors(FromBlock);
  while (!Found && !Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    if (!Seen.insert(Block).second)
      continue;
    if (Scan(Block, 0))
      PushSuccessors(Block);
  }
  return Found;
}

/// The statements of \p S that restore \p Key for \p Use: its writes (a
/// guard's within its scope), the calls to \p Writers (a local object's
/// construction within its scope), and, with \p External, the calls to
/// functions defined elsewhere that the program summary says restore it.
static void collectBlockers(const FunctionSummary &S, ContextKey Key,
                            const WriterSet &Writers, const Stmt *Use,
                            const SourceManager &SM,
                            const RestoreAnalysis *External,
                            llvm::SmallPtrSetImpl<const Stmt *> &Out) {
  for (const ContextWrite &W : S.Writes)
    if (W.Key == Key && !W.Ends &&
        (!W.Scope || isWrittenWithin(SM, W.Scope, Use)))
      Out.insert(W.At);
  for (const CallEdge &E :
       llvm::concat<const CallEdge>(S.Calls, S.ExternalCalls)) {
    if (E.Site == Use)
      continue;
    if (!Writers.contains(E.Callee) &&
        !(External && External->restoresExternally(E.Site, Key)))
      continue;
    if (isa<CXXConstructExpr>(E.Site) &&
        (!E.Scope || !isWrittenWithin(SM, E.Scope, Use)))
      continue;
    Out.insert(E.Site);
  }
}

static const Expr *strip(const Expr *E) {
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
             Ctor->getConstructor()->isCopyOrMoveConstructor())
      E = Ctor->getArg(0);
    else
      return E;
  }
  return E;
}

static const CXXRecordDecl *classOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const Type *Pointee = T->getPointeeOrArrayElementType())
    return Pointee->getAsCXXRecordDecl();
  return nullptr;
}

/// An asio `thread_pool`, or its executor.
static bool isAsioThreadPool(QualType T) {
  for (const DeclContext *DC = classOf(T); DC; DC = DC->getParent())
    if (const auto *Record = dyn_cast<CXXRecordDecl>(DC))
      if (Record->getIdentifier() && Record->getName() == "thread_pool")
        return true;
  return false;
}

/// The coroutine a `co_spawn` argument starts: a call's callee, or a
/// lambda's call operator.
static const FunctionDecl *spawnedCoroutine(const Expr *Arg) {
  Arg = strip(Arg);
  if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(Arg))
    return Lambda->getCallOperator();
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Arg))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      return Callee->getDefinition();
  return nullptr;
}

static bool isCoroutine(const Decl *D) {
  return D && isa_and_nonnull<CoroutineBodyStmt>(D->getBody());
}

/// The coroutines that run on an asio thread pool: started there by
/// `co_spawn`, typed with the pool's executor, or awaited by one of those.
static void findPoolCoroutines(const TUAnalysis &A, SuspendRecognizer &R) {
  for (const auto &[Fn, S] : A.summaries()) {
    if (const auto *F = dyn_cast<FunctionDecl>(Fn); F && isCoroutine(F)) {
      const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          classOf(F->getReturnType()));
      if (Spec && isAsioAwaitable(F->getReturnType()) &&
          Spec->getTemplateArgs().size() == 2 &&
          Spec->getTemplateArgs()[1].getKind() == TemplateArgument::Type &&
          isAsioThreadPool(Spec->getTemplateArgs()[1].getAsType()))
        R.notePoolCoroutine(F, nullptr);
    }
    for (const SpawnSite &Spawn : S->Spawns) {
      const auto *Call = dyn_cast<CallExpr>(Spawn.Call);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      if (!Callee || !Callee->getIdentifier() ||
          Callee->getName() != "co_spawn" || Call->getNumArgs() < 2 ||
          !isAsioThreadPool(Call->getArg(0)->getType()))
        continue;
      if (const FunctionDecl *Started = spawnedCoroutine(Call->getArg(1)))
        R.notePoolCoroutine(Started, Call);
    }
  }
  // A coroutine awaited by one on the pool runs there too.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Fn, S] : A.summaries()) {
      const auto *F = dyn_cast<FunctionDecl>(Fn);
      if (!F || !R.isPoolCoroutine(F))
        continue;
      for (const CoroutineSuspendExpr *E : S->Suspends) {
        const auto *Call = dyn_cast_or_null<CallExpr>(strip(E->getOperand()));
        const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
        const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
        if (Def && isCoroutine(Def) && isAsioAwaitable(Def->getReturnType()) &&
            !R.isPoolCoroutine(Def)) {
          R.notePoolCoroutine(Def, E);
          Changed = true;
        }
      }
    }
  }
}
using ChangeList =
    llvm::ArrayRef<std::pair<const CoroutineSuspendExpr *, ThreadChange>>;

/// A finding at \p Suspend, one of \p Changes (in the text's order).
static SuspendFinding start(const FunctionDecl *Fn,
                            const CoroutineSuspendExpr *Suspend,
                            const ThreadChange &Change, ChangeList Changes) {
  SuspendFinding F;
  F.Coroutine = Fn;
  F.Suspend = Suspend;
  F.FirstSuspend = Changes.front().first;
  F.Change = Change;
  return F;
}

namespace {

/// Pointers and references to thread-local storage a coroutine keeps in
/// local variables, and their uses.
class AliasCollector : public RecursiveASTVisitor<AliasCollector> {
public:
  explicit AliasCollector(const AccessorIndex &Accessors)
      : Accessors(Accessors) {}

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }

  bool VisitDeclStmt(DeclStmt *D) {
    for (const Decl *Child : D->decls())
      if (const auto *Var = dyn_cast<VarDecl>(Child))
        if (const VarDecl *Storage = aliased(Var))
          Aliases.push_back({Var, Storage, D, {}});
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *E) {
    if (E->isAssignmentOp())
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(E->getLHS()->IgnoreParens())) {
        Reassigned.push_back({Ref->getDecl(), E});
        // Taking the address anew is not a use of the old one.
        Targets.insert(Ref);
      }
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (!Targets.contains(E))
      Refs.push_back(E);
    return true;
  }

  struct Alias {
    const VarDecl *Var;
    const VarDecl *Storage;
    const DeclStmt *Decl;
    llvm::SmallVector<const DeclRefExpr *, 2> Uses;
  };
  llvm::SmallVector<Alias, 0> Aliases;
  llvm::SmallVector<std::pair<const Decl *, const Stmt *>, 0> Reassigned;
  llvm::SmallVector<const DeclRefExpr *, 0> Refs;

private:
  llvm::SmallPtrSet<const DeclRefExpr *, 2> Targets;
  /// The thread-local storage \p Var points or refers to, or null.
  const VarDecl *aliased(const VarDecl *Var) const {
    QualType T = Var->getType();
    if (!Var->hasInit() || isThreadLocal(Var) ||
        !(T->isPointerType() || T->isReferenceType()))
      return nullptr;
    const Expr *Init = Var->getInit()->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Init))
      Init = Cleanups->getSubExpr()->IgnoreParenImpCasts();
    const VarDecl *Storage = nullptr;
    if (T->isReferenceType()) {
      if (StorageRef Ref = Accessors.designate(Init))
        Storage = Ref.Var;
    } else if (const auto *AddrOf = dyn_cast<UnaryOperator>(Init);
               AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
      if (StorageRef Ref = Accessors.designate(AddrOf->getSubExpr()))
        Storage = Ref.Var;
    } else if (const auto *Call = dyn_cast<CallExpr>(Init)) {
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (Callee->getReturnType()->isPointerType())
          if (std::optional<StorageAlias> A = Accessors.aliasOf(Callee))
            Storage = A->Var;
    }
    return Storage && isThreadLocal(Storage) ? Storage : nullptr;
  }

  const AccessorIndex &Accessors;
};

class Search {
public:
  Search(TUAnalysis &A, const AnalysisOptions &Opts,
         const SuspendOptions &SOpts, ASTContext &Ctx)
      : A(A), Ctx(Ctx), SM(Ctx.getSourceManager()),
        Spawns(Opts.SpawnFunctions, Opts.Pools),
        Recognizer(Spawns, Opts.Pools, SOpts) {}

  std::vector<SuspendFinding> run();

private:
  struct Candidate {
    const Stmt *Use;
    const ContextRead *Read = nullptr;
    const CallEdge *Call = nullptr;
  };
  void searchCoroutine(const FunctionSummary &S, const FunctionDecl *Fn);
  void searchKey(const FunctionSummary &S, const FunctionDecl *Fn,
                 const CoroutineCFG &G, ContextKey Key, ChangeList Changes);
  void searchAliases(const FunctionSummary &S, const FunctionDecl *Fn,
                     const CoroutineCFG &G, ChangeList Changes);
  bool before(const Stmt *L, const Stmt *R) const {
    return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(L->getBeginLoc()),
                                        SM.getExpansionLoc(R->getBeginLoc()));
  }
  const ReadPaths &pathsOf(ContextKey Key);

  TUAnalysis &A;
  ASTContext &Ctx;
  const SourceManager &SM;
  SpawnRecognizer Spawns;
  SuspendRecognizer Recognizer;
  llvm::DenseMap<ContextKey, ReadPaths> Paths;
  /// Reported reads and alias uses, by location and key: a read reached
  /// from several suspensions, or in several template instantiations, is
  /// reported once.
  llvm::DenseSet<std::pair<SourceLocation, const void *>> Reported;
  std::vector<SuspendFinding> Findings;
};

} // namespace

const ReadPaths &Search::pathsOf(ContextKey Key) {
  auto [It, Inserted] = Paths.try_emplace(Key);
  if (Inserted)
    It->second =
        findReadPaths(Key, A.callGraph(), A.writersOf(Key), A.restores(),
                      [&](const ContextRead &R) { return A.countsAsRead(R); });
  return It->second;
}

/// Whether a profile whose `Propagators` name the awaited type or the
/// coroutine's return type carries \p Key across \p E (folly::coro).
static bool propagates(ContextKey Key, const CoroutineSuspendExpr *E,
                       const FunctionDecl *Fn) {
  const auto *P = Key.dyn_cast<const Profile *>();
  if (!P || P->Propagators.empty())
    return false;
  llvm::SmallVector<std::string, 4> Names;
  SuspendRecognizer::awaitedNames(E, Names);
  if (const CXXRecordDecl *Returned = classOf(Fn->getReturnType()))
    Names.push_back(Returned->getQualifiedNameAsString());
  return llvm::any_of(Names, [&](const std::string &Name) {
    return P->Propagators.matches(Name);
  });
}

void Search::searchKey(const FunctionSummary &S, const FunctionDecl *Fn,
                       const CoroutineCFG &G, ContextKey Key,
                       ChangeList Changes) {
  const ReadPaths &KeyPaths = pathsOf(Key);
  const WriterSet &Writers = A.writersOf(Key);
  llvm::SmallVector<Candidate, 4> Candidates;
  for (const ContextRead &Read : S.Reads)
    if (Read.Key == Key && A.countsAsRead(Read) &&
        !(Read.Saved && S.writes(Key)))
      Candidates.push_back({Read.evaluatedAt(), &Read, nullptr});
  for (const CallEdge &Call : S.Calls)
    if (KeyPaths.contains(Call.Callee))
      Candidates.push_back({Call.Site, nullptr, &Call});
  if (Candidates.empty())
    return;
  // In the order written; the CFG's order breaks ties (one macro).
  llvm::sort(Candidates, [&](const Candidate &L, const Candidate &R) {
    if (before(L.Use, R.Use) != before(R.Use, L.Use))
      return before(L.Use, R.Use);
    auto Order = [&](const Stmt *S) {
      auto [Block, Index] = G.Position.lookup(S);
      return std::make_pair(Block ? Block->getBlockID() : 0, Index);
    };
    return Order(L.Use) < Order(R.Use);
  });

  for (const auto &[Suspend, Change] : Changes) {
    // An awaiter whose await_resume writes the context carries it itself.
    if (const CXXMemberCallExpr *Resume = getAwaitResumeCall(Suspend))
      if (const CXXMethodDecl *M = Resume->getMethodDecl())
        if (const FunctionDecl *Def = M->getDefinition();
            Def && Writers.contains(Def))
          continue;
    if (propagates(Key, Suspend, Fn))
      continue;
    for (const Candidate &C : Candidates) {
      llvm::SmallPtrSet<const Stmt *, 4> Blockers;
      collectBlockers(S, Key, Writers, C.Use, SM, &A.restores(), Blockers);
      if (!reaches(G, Suspend, C.Use, Blockers))
        continue;
      SourceLocation Loc = SM.getExpansionLoc(C.Use->getBeginLoc());
      if (!Reported.insert({Loc, Key.getOpaqueValue()}).second)
        break;
      SuspendFinding F = start(Fn, Suspend, Change, Changes);
      F.Key = Key;
      F.NextIteration = before(C.Use, Suspend);
      if (C.Read) {
        F.Reader = Fn;
        F.Read = C.Read;
      } else {
        F.Callers.push_back(Fn);
        F.Path.push_back(C.Call);
        const Decl *At = C.Call->Callee;
        // Distances strictly decrease along the path, so this ends.
        while (true) {
          const ReadStep &Step = KeyPaths.find(At)->second;
          if (!Step.Call) {
            F.Reader = At;
            F.Read = Step.Read;
            break;
          }
          F.Callers.push_back(At);
          F.Path.push_back(Step.Call);
          At = Step.Call->Callee;
        }
      }
      Findings.push_back(std::move(F));
      break;
    }
  }
}

void Search::searchAliases(
    const FunctionSummary &S, const FunctionDecl *Fn, const CoroutineCFG &G,
    llvm::ArrayRef<std::pair<const CoroutineSuspendExpr *, ThreadChange>>
        Changes) {
  const auto *Body = cast<CoroutineBodyStmt>(Fn->getBody());
  AliasCollector Collector(A.accessors());
  Collector.TraverseStmt(Body->getBody());
  for (AliasCollector::Alias &Alias : Collector.Aliases) {
    llvm::SmallPtrSet<const Stmt *, 4> Blockers;
    Blockers.insert(Alias.Decl);
    for (const auto &[Var, At] : Collector.Reassigned)
      if (Var == Alias.Var)
        Blockers.insert(At);
    for (const auto &[Suspend, Change] : Changes)
      for (const DeclRefExpr *Use : Collector.Refs) {
        if (Use->getDecl() != Alias.Var || !reaches(G, Suspend, Use, Blockers))
          continue;
        SourceLocation Loc = SM.getExpansionLoc(Use->getBeginLoc());
        if (!Reported.insert({Loc, Alias.Var}).second)
          break;
        SuspendFinding F = start(Fn, Suspend, Change, Changes);
        F.Key = Alias.Storage;
        F.Alias = Alias.Var;
        F.AliasUse = Use;
        F.NextIteration = before(Use, Suspend);
        Findings.push_back(std::move(F));
        break;
      }
  }
}

void Search::searchCoroutine(const FunctionSummary &S, const FunctionDecl *Fn) {
  llvm::SmallVector<std::pair<const CoroutineSuspendExpr *, ThreadChange>, 2>
      Changes;
  for (const CoroutineSuspendExpr *E : S.Suspends)
    if (std::optional<ThreadChange> Change = Recognizer.mayChangeThread(E, Fn))
      Changes.push_back({E, std::move(*Change)});
  if (Changes.empty())
    return;
  std::unique_ptr<CoroutineCFG> G = buildCFG(Fn, Ctx);
  if (!G)
    return;
  for (ContextKey Key : A.readKeys())
    if (A.isContext(Key))
      searchKey(S, Fn, *G, Key, Changes);
  searchAliases(S, Fn, *G, Changes);
}

std::vector<SuspendFinding> Search::run() {
  findPoolCoroutines(A, Recognizer);
  for (const auto &[D, S] : A.summaries()) {
    const auto *Fn = dyn_cast<FunctionDecl>(D);
    if (!Fn || S->Suspends.empty() || Fn->isInvalidDecl() ||
        Fn->isDependentContext() || !isCoroutine(Fn))
      continue;
    searchCoroutine(*S, Fn);
  }
  llvm::sort(Findings, [&](const SuspendFinding &L, const SuspendFinding &R) {
    const Stmt *LAt = L.reportedAt();
    const Stmt *RAt = R.reportedAt();
    if (before(LAt, RAt) != before(RAt, LAt))
      return before(LAt, RAt);
    if (contextName(L.Key) != contextName(R.Key))
      return contextName(L.Key) < contextName(R.Key);
    return before(L.Suspend, R.Suspend);
  });
  return std::move(Findings);
}

std::string describeCoroutine(const FunctionDecl *Fn) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Fn))
    if (Method->getParent()->isLambda())
      return "the lambda coroutine";
  return "coroutine " + describeFunction(Fn);
}

void describeThreadChange(const CoroutineSuspendExpr *Suspend,
                          const ThreadChange &Change,
                          const FunctionDecl *Coroutine,
                          const SourceManager &SM,
                          llvm::SmallVectorImpl<WordedNote> &Out) {
  auto At = [&](const Stmt *S) { return SM.getExpansionLoc(S->getBeginLoc()); };
  std::string Why = std::string("the coroutine may resume on another thread "
                                "after this '") +
                    (isa<CoyieldExpr>(Suspend) ? "co_yield" : "co_await") + "'";
  switch (Change.Kind) {
  case ThreadChange::HandsOff:
    Why += ": its awaiter " +
           (Change.Awaiter ? describeFunction(Change.Awaiter) : "") +
           " hands it to another thread";
    break;
  case ThreadChange::ScheduleOn:
    Why += ": '" + Change.Name + "' schedules it on a thread pool";
    break;
  case ThreadChange::AsioPool:
    Why += ": asio resumes it on its executor, a thread pool";
    break;
  case ThreadChange::Option:
    Why += ": '" + Change.Name + "' matches the 'Awaitables' option";
    break;
  }
  Out.push_back({SM.getExpansionLoc(Suspend->getKeywordLoc()), Why});
  switch (Change.Kind) {
  case ThreadChange::HandsOff: {
    for (size_t I = 0; I < Change.Chain.size(); ++I) {
      const auto *Call = cast<CallExpr>(Change.Chain[I]);
      Out.push_back({SM.getFileLoc(getCallNameLoc(Call)),
                     describeFunction(Change.ChainCallers[I]) +
                         " passes the coroutine handle to " +
                         describeFunction(Call->getDirectCallee()) + " here"});
    }
    // A hand-off in another file: the program names the spawn.
    if (!Change.HandOff)
      break;
    const Decl *Spawner = Change.AwaitSuspend;
    if (!Change.Chain.empty())
      Spawner = cast<CallExpr>(Change.Chain.back())->getDirectCallee();
    Out.push_back({At(Change.HandOff), describeFunction(Spawner) +
                                           " hands the coroutine to '" +
                                           Change.Name + "' here"});
    break;
  }
  case ThreadChange::AsioPool:
    if (Change.HandOff)
      Out.push_back({At(Change.HandOff),
                     describeFunction(Coroutine) +
                         (isa<CoroutineSuspendExpr>(Change.HandOff)
                              ? " is awaited by a coroutine that runs on a "
                                "thread pool here"
                              : " is started on a thread pool here")});
    break;
  case ThreadChange::ScheduleOn:
  case ThreadChange::Option:
    break;
  }
}

struct SuspensionFactFinder::Impl {
  Impl(const TUAnalysis &A, const AnalysisOptions &Opts,
       const SuspendOptions &Suspend)
      : A(A), Spawns(Opts.SpawnFunctions, Opts.Pools),
        Recognizer(Spawns, Opts.Pools, Suspend) {
    findPoolCoroutines(A, Recognizer);
  }
  const TUAnalysis &A;
  SpawnRecognizer Spawns;
  SuspendRecognizer Recognizer;
};

SuspensionFactFinder::SuspensionFactFinder(const TUAnalysis &Analysis,
                                           const AnalysisOptions &Opts,
                                           const SuspendOptions &Suspend)
    : P(std::make_unique<Impl>(Analysis, Opts, Suspend)) {}

SuspensionFactFinder::~SuspensionFactFinder() = default;

std::vector<SuspensionFacts> SuspensionFactFinder::find(
    const FunctionSummary &S,
    llvm::ArrayRef<std::pair<ContextKey, const WriterSet *>> Written) {
  std::vector<SuspensionFacts> Out;
  const auto *Fn = dyn_cast<FunctionDecl>(S.Fn);
  if (!Fn || S.Suspends.empty() || Fn->isInvalidDecl() ||
      Fn->isDependentContext() || !isCoroutine(Fn))
    return Out;
  ASTContext &Ctx = Fn->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  std::unique_ptr<CoroutineCFG> G;
  auto Before = [&](const Stmt *L, const Stmt *R) {
    return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(L->getBeginLoc()),
                                        SM.getExpansionLoc(R->getBeginLoc()));
  };
  // The profiles a propagator could name: those read or written here.
  llvm::SmallVector<ContextKey, 4> Profiles;
  for (ContextKey Key : P->A.readKeys())
    if (isa<const Profile *>(Key))
      Profiles.push_back(Key);
  for (const auto &[Key, Writers] : Written)
    if (isa<const Profile *>(Key) && !llvm::is_contained(Profiles, Key))
      Profiles.push_back(Key);

  for (const CoroutineSuspendExpr *E : S.Suspends) {
    SuspensionFacts F;
    F.Suspend = E;
    F.Change = P->Recognizer.mayChangeThread(E, Fn);
    if (!F.Change)
      P->Recognizer.handOffsElsewhere(E, F.Elsewhere);
    if (!F.Change && F.Elsewhere.empty())
      continue;
    if (!G)
      G = buildCFG(Fn, Ctx);
    if (!G)
      return {};
    // An awaiter whose await_resume writes the context carries it itself.
    const FunctionDecl *Resume = nullptr;
    if (const CXXMemberCallExpr *Call = getAwaitResumeCall(E))
      if (const CXXMethodDecl *M = Call->getMethodDecl())
        Resume = M->getDefinition();
    for (const auto &[Key, Writers] : Written)
      if (Resume && Writers->contains(Resume))
        F.Carried.push_back(Key);
    for (ContextKey Key : Profiles)
      if (propagates(Key, E, Fn) && !llvm::is_contained(F.Carried, Key))
        F.Carried.push_back(Key);

    llvm::SmallPtrSet<const Stmt *, 4> None;
    auto AddUse = [&](const Stmt *Use, SuspensionUse U) {
      if (!reaches(*G, E, Use, None))
        return;
      for (const auto &[Key, Writers] : Written) {
        llvm::SmallPtrSet<const Stmt *, 4> Blockers;
        collectBlockers(S, Key, *Writers, Use, SM, nullptr, Blockers);
        if (!Blockers.empty() && !reaches(*G, E, Use, Blockers))
          U.Restored.push_back(Key);
      }
      // Any call may write the context through a function in another
      // file; a local object's construction only within its scope.
      for (const CallEdge &Other :
           llvm::concat<const CallEdge>(S.Calls, S.ExternalCalls)) {
        if (Other.Site == Use ||
            (isa<CXXConstructExpr>(Other.Site) &&
             (!Other.Scope || !isWrittenWithin(SM, Other.Scope, Use))))
          continue;
        llvm::SmallPtrSet<const Stmt *, 1> Only;
        Only.insert(Other.Site);
        if (!reaches(*G, E, Use, Only))
          U.After.push_back(&Other);
      }
      U.NextIteration = Before(Use, E);
      F.Uses.push_back(std::move(U));
    };
    for (const ContextRead &R : S.Reads)
      AddUse(R.evaluatedAt(), SuspensionUse{&R, nullptr, {}, {}, false});
    for (const CallEdge &C :
         llvm::concat<const CallEdge>(S.Calls, S.ExternalCalls))
      AddUse(C.Site, SuspensionUse{nullptr, &C, {}, {}, false});
    Out.push_back(std::move(F));
  }
  return Out;
}

std::vector<SuspendFinding>
findLostAfterSuspend(TUAnalysis &Analysis, const AnalysisOptions &Opts,
                     const SuspendOptions &Suspend) {
  Analysis.prepare();
  if (Analysis.summaries().empty())
    return {};
  ASTContext &Ctx = Analysis.summaries().front().first->getASTContext();
  return Search(Analysis, Opts, Suspend, Ctx).run();
}

} // namespace ctxloss
