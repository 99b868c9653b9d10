//===--- SummaryExport.cpp - One translation unit's summary ---------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/SummaryExport.h"
#include "checks/analysis/CallableResolver.h"
#include "checks/analysis/ExternalRestores.h"
#include "checks/analysis/LeakSearch.h"
#include "checks/analysis/OverwrittenLeaks.h"
#include "checks/analysis/Profile.h"
#include "checks/analysis/Reachability.h"
#include "checks/analysis/RestoreAnalysis.h"
#include "checks/analysis/StoredTasks.h"
#include "checks/analysis/SuspendSearch.h"
#include "checks/analysis/TaskObjects.h"
#include "checks/analysis/TaskTrampolines.h"
#include "checks/analysis/WriteLossSearch.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace ctxloss {

summary::Location getSummaryLocation(const SourceManager &SM,
                                     SourceLocation Loc) {
  summary::Location Out;
  if (Loc.isInvalid())
    return Out;
  SourceLocation Expansion = SM.getExpansionLoc(Loc);
  FileID File = SM.getFileID(Expansion);
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
  if (!Entry)
    return Out;
  // Absolute, symbolic links resolved: one name per file in every
  // translation unit.
  Out.File = SM.getFileManager().getCanonicalName(*Entry).str();
  Out.Line = SM.getExpansionLineNumber(Expansion);
  Out.Column = SM.getExpansionColumnNumber(Expansion);
  return Out;
}

static std::string getUSR(const Decl *D) {
  llvm::SmallString<128> USR;
  if (index::generateUSRForDecl(D, USR))
    return "";
  return std::string(USR);
}

std::string getFunctionId(const FunctionDecl *Fn) {
  return getUSR(Fn->getCanonicalDecl());
}

std::string getCalleeId(const CallEdge &Edge) {
  return (Edge.Virtual ? summary::VirtualCallPrefix.str() : "") +
         getFunctionId(Edge.Callee);
}

std::string getKeyId(ContextKey Key) {
  if (const auto *P = Key.dyn_cast<const Profile *>())
    return "profile:" + P->Name;
  const auto *Var = cast<const VarDecl *>(Key);
  std::string USR = getUSR(Var->getCanonicalDecl());
  return "var:" + (USR.empty() ? Var->getQualifiedNameAsString() : USR);
}

static bool isLambdaBody(const Decl *D) {
  const auto *Method = dyn_cast<CXXMethodDecl>(D);
  return Method && Method->getParent()->isLambda();
}

bool isFunctionIdOf(llvm::StringRef Id, const Decl *Fn) {
  const auto *F = dyn_cast_or_null<FunctionDecl>(Fn);
  if (!F)
    return false;
  if (!isLambdaBody(F))
    return Id == getFunctionId(F);
  std::string At =
      "lambda:" +
      getSummaryLocation(F->getASTContext().getSourceManager(),
                         cast<CXXMethodDecl>(F)->getParent()->getLocation())
          .str();
  return Id == At ||
         (Id.starts_with(At) && Id.substr(At.size()).starts_with("#"));
}

namespace {

/// Builds the summary of one translation unit.
class Exporter {
public:
  Exporter(const TUAnalysis &Analysis, ASTContext &Ctx,
           const AnalysisOptions &Options, const SuspendOptions &Suspend);
  summary::Summary run(llvm::StringRef MainFile);

private:
  std::string id(const Decl *D);
  std::string key(ContextKey Key);
  bool counts(const ContextRead &Read) const;
  summary::Location loc(SourceLocation L) { return getSummaryLocation(SM, L); }
  summary::Location at(const Stmt *S) { return loc(S->getBeginLoc()); }
  summary::Location nameAt(const Expr *Call) {
    return loc(getCallNameLoc(Call));
  }
  bool restores(const FunctionSummary &S, ContextKey Key, const Stmt *Use);
  std::vector<std::string> restoredAt(const FunctionSummary &S,
                                      const Stmt *Use);
  /// The functions defined elsewhere called (Read::After) or written
  /// through (Read::AfterWrites) first on every path to \p Use.
  std::pair<std::vector<std::string>, std::vector<std::string>>
  afterAt(const FunctionSummary &S, const Stmt *Use);
  /// The holder the first of \p Tasks travelled in, if any.
  /// The callee's id (getCalleeId for a virtual call no body here runs).
  std::string calleeId(const CallEdge &Edge) {
    return Edge.Virtual ? (summary::VirtualCallPrefix + id(Edge.Callee)).str()
                        : id(Edge.Callee);
  }
  /// How the summary names a task's holder (getCallableHolder).
  std::optional<summary::Holder> holderOf(const VarDecl *Holder);
  std::vector<std::string> entriesOf(const Expr *Callable,
                                     const Expr *Object = nullptr);
  /// The keys whose snapshot a call hands its callee (ExternalRestores.h).
  std::vector<std::string> snapshotsAt(const CallEdge &Edge);
  std::optional<summary::Wait> waitOf(const Expr *Wait);
  summary::Function function(const FunctionSummary &S);
  /// The spawns of \p S waited for on every path to \p Use.
  std::vector<unsigned> joinsBefore(const FunctionSummary &S, const Stmt *Use);
  std::vector<unsigned> argsBefore(const FunctionSummary &S, const Stmt *Use);
  summary::Wait joinOf(const JoinSite &J);
  void addWriteLossFacts(const FunctionSummary &S, summary::Function &F);
  void addCallArguments(const FunctionSummary &S, const CallEdge &Edge,
                        summary::Function &Out);
  void addParamFacts(const FunctionDecl *Fn, summary::Function &Out);
  /// What the link needs to find the framework's own entry a spawn's task
  /// runs in (TaskTrampolines.h).
  void addTrampolineFacts(const SpawnSite &Spawn, summary::Spawn &Out);
  /// What `context-lost-after-suspend` needs of a coroutine; \p Reads and
  /// \p Calls give the index each exported read and call has in \p Out.
  void
  addSuspensions(const FunctionSummary &S,
                 const llvm::DenseMap<const ContextRead *, unsigned> &Reads,
                 const llvm::DenseMap<const CallEdge *, unsigned> &Calls,
                 summary::Function &Out);

  const TUAnalysis &Analysis;
  const SourceManager &SM;
  llvm::SmallVector<const FunctionSummary *, 0> All;
  /// What each function leaves set (`context-leaked-from-task`).
  LeakFacts Leaks;
  CallGraphIndex Graph;
  RestoreAnalysis Restores;
  /// The variables written in this translation unit, with their writers:
  /// only they can be restored.
  llvm::MapVector<ContextKey, WriterSet> Written;
  LoggingReads Logging;
  /// Profiles whose logging pattern some function here makes print it.
  llvm::SmallPtrSet<const Profile *, 2> PatternsSet;
  llvm::DenseMap<const Decl *, std::string> Ids;
  /// The calls of the current function's CallableArgs, in order.
  llvm::SmallVector<const Stmt *, 2> ArgCalls;
  llvm::StringSet<> UsedIds;
  llvm::DenseMap<ContextKey, std::string> KeyIds;
  std::vector<summary::Key> Keys;
  /// Each read's expression and key, for snapshots.
  llvm::DenseMap<const Expr *, ContextKey> ReadAt;
  SuspensionFactFinder Suspensions;
  SelfScopes SelfInstalling;
};

} // namespace

static llvm::SmallVector<const FunctionSummary *, 0>
collectSummaries(const TUAnalysis &Analysis) {
  llvm::SmallVector<const FunctionSummary *, 0> All;
  for (const auto &Entry : Analysis.summaries())
    All.push_back(Entry.second.get());
  return All;
}

Exporter::Exporter(const TUAnalysis &Analysis, ASTContext &Ctx,
                   const AnalysisOptions &Options,
                   const SuspendOptions &Suspend)
    : Analysis(Analysis), SM(Ctx.getSourceManager()),
      All(collectSummaries(Analysis)), Leaks(Analysis), Graph(All),
      Restores(Ctx), Logging(Options.Logging),
      Suspensions(Analysis, Options, Suspend),
      SelfInstalling(findSelfInstallingScopes(Analysis.summaries())) {
  for (const FunctionSummary *S : All) {
    for (const ContextWrite &W : S->Writes)
      if (!Written.contains(W.Key))
        Written[W.Key] = findWriters(W.Key, Graph);
    PatternsSet.insert(S->PatternsSet.begin(), S->PatternsSet.end());
    for (const ContextRead &R : S->Reads)
      ReadAt.try_emplace(R.Ref, R.Key);
  }
}

std::vector<std::string> Exporter::snapshotsAt(const CallEdge &Edge) {
  llvm::SmallVector<ContextKey, 1> Found;
  snapshotKeysAt(Edge.Site, ReadAt, Found);
  std::vector<std::string> Out;
  for (ContextKey Key : Found)
    Out.push_back(key(Key));
  return Out;
}

bool Exporter::counts(const ContextRead &Read) const {
  return countsAsRead(Read, Logging, PatternsSet);
}

std::string Exporter::id(const Decl *D) {
  if (const auto *Fn = dyn_cast<FunctionDecl>(D))
    D = Fn->getCanonicalDecl();
  auto It = Ids.find(D);
  if (It != Ids.end())
    return It->second;
  // Lambdas and OpenMP regions are named by where they are written, which
  // is the same in every translation unit that includes them.
  std::string Base;
  if (isa<CapturedDecl>(D))
    Base = "region:" + at(cast<CapturedDecl>(D)->getBody()).str();
  else if (isLambdaBody(D))
    Base = "lambda:" +
           loc(cast<CXXMethodDecl>(D)->getParent()->getLocation()).str();
  else
    Base = getUSR(D);
  if (Base.empty())
    Base = "decl:" + loc(D->getLocation()).str();
  // Distinct declarations with one name (a generic lambda's
  // instantiations): numbered in the order met.
  std::string Id = Base;
  for (unsigned N = 2; !UsedIds.insert(Id).second; ++N)
    Id = Base + "#" + std::to_string(N);
  Ids[D] = Id;
  return Id;
}

std::string Exporter::key(ContextKey Key) {
  auto [It, New] = KeyIds.try_emplace(Key);
  if (!New)
    return It->second;
  It->second = getKeyId(Key);
  if (const auto *P = Key.dyn_cast<const Profile *>()) {
    Keys.push_back(
        {It->second, P->Name, P->Description, {}, true, true, P->Advice});
    return It->second;
  }
  const auto *Var = cast<const VarDecl *>(Key);
  std::string Name = storageName(Var);
  Keys.push_back({It->second, Name, describeContext(Key),
                  loc(Var->getLocation()), isAnnotatedContext(Var), false, ""});
  return It->second;
}

/// Only in lambda bodies, where tasks start, and in functions that write
/// through a function defined elsewhere: a CFG for every function would
/// cost too much.
std::pair<std::vector<std::string>, std::vector<std::string>>
Exporter::afterAt(const FunctionSummary &S, const Stmt *Use) {
  std::pair<std::vector<std::string>, std::vector<std::string>> Out;
  // A function that waits for its tasks too: a setter called after the
  // wait sets the context the task's write did not bring back.
  if (S.ExternalCalls.empty() ||
      (!isLambdaBody(S.Fn) && S.Joins.empty() &&
       llvm::none_of(S.ExternalCalls,
                     [](const CallEdge &E) { return E.WritesResult; })))
    return Out;
  llvm::SmallVector<const CallEdge *, 2> Before;
  Restores.externalCallsBefore(S, Use, Before);
  for (const CallEdge *E : Before) {
    std::vector<std::string> &List = E->WritesResult ? Out.second : Out.first;
    std::string Id = calleeId(*E);
    if (!llvm::is_contained(List, Id))
      List.push_back(std::move(Id));
  }
  return Out;
}

bool Exporter::restores(const FunctionSummary &S, ContextKey Key,
                        const Stmt *Use) {
  auto *It = Written.find(Key);
  return It != Written.end() &&
         Restores.isRestoredBefore(S, Key, It->second, Use);
}

std::vector<std::string> Exporter::restoredAt(const FunctionSummary &S,
                                              const Stmt *Use) {
  std::vector<std::string> Keys;
  for (const auto &[Key, Writers] : Written)
    if (Restores.isRestoredBefore(S, Key, Writers, Use))
      Keys.push_back(key(Key));
  return Keys;
}

/// The functions a callable runs, defined here or elsewhere.
static void getEntryDecls(const Expr *Callable, const Expr *Object,
                          llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  resolveCallable(Callable, Object, Out);
  // A function whose body is in another translation unit: for a virtual
  // member called on an object, the override of the object's class.
  if (Out.empty())
    if (const FunctionDecl *Named = getNamedFunction(Callable)) {
      const CXXMethodDecl *Final =
          getFinalOverriderOnObject(dyn_cast<CXXMethodDecl>(Named), Object);
      Out.push_back(Final ? Final : Named);
    }
  // A task object whose entry member is defined in another one.
  if (Out.empty())
    getTaskEntryDeclarations(Callable, Out);
}

std::vector<std::string> Exporter::entriesOf(const Expr *Callable,
                                             const Expr *Object) {
  std::vector<std::string> Entries;
  llvm::SmallVector<const FunctionDecl *, 4> Decls;
  getEntryDecls(Callable, Object, Decls);
  for (const FunctionDecl *Decl : Decls)
    Entries.push_back(id(Decl));
  // A task object of unknown dynamic type: its closed class's one body, or
  // the overrides taken with TaskObjectOverrides.
  llvm::SmallVector<ResolvedTask, 2> Guessed;
  Analysis.taskObjectOverrides(Callable, Guessed);
  for (const ResolvedTask &T : Guessed)
    if (std::string Id = id(T.Entry); !llvm::is_contained(Entries, Id))
      Entries.push_back(std::move(Id));
  return Entries;
}

std::optional<summary::Wait> Exporter::waitOf(const Expr *Wait) {
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Wait);
  if (!Call || !Call->getMethodDecl())
    return std::nullopt;
  return summary::Wait{Call->getMethodDecl()->getNameAsString(), nameAt(Call)};
}

void Exporter::addCallArguments(const FunctionSummary &S, const CallEdge &Edge,
                                summary::Function &Out) {
  const auto *Call = dyn_cast<CallExpr>(Edge.Site);
  if (!Call || Edge.Through)
    return;
  const auto *Caller = dyn_cast<FunctionDecl>(S.Fn);
  for (unsigned Arg = 0; Arg < Call->getNumArgs(); ++Arg) {
    std::optional<unsigned> Param = paramIndexOfArg(Call, Edge.Callee, Arg);
    if (!Param)
      continue;
    const Expr *Callable = Call->getArg(Arg);
    if (const ParmVarDecl *Own = getCallableParam(Callable)) {
      const auto *Owner = dyn_cast<FunctionDecl>(Own->getDeclContext());
      if (Caller && Owner &&
          Owner->getCanonicalDecl() == Caller->getCanonicalDecl())
        Out.Forwards.push_back({Own->getFunctionScopeIndex(), id(Edge.Callee),
                                *Param, nameAt(Call)});
      continue;
    }
    std::vector<std::string> Entries = entriesOf(Callable);
    if (Entries.empty())
      continue;
    Out.CallableArgs.push_back(
        {calleeId(Edge), Edge.Callee->getQualifiedNameAsString(), at(Call),
         at(Callable), *Param, std::move(Entries), restoredAt(S, Callable),
         holderOf(getCallableHolder(Callable))});
    ArgCalls.push_back(Call);
  }
}

std::optional<summary::Holder> Exporter::holderOf(const VarDecl *Holder) {
  if (!Holder)
    return std::nullopt;
  return summary::Holder{Holder->getNameAsString(), loc(Holder->getLocation())};
}

void Exporter::addTrampolineFacts(const SpawnSite &Spawn, summary::Spawn &Out) {
  const FunctionDecl *Via = getSpawnFunction(Spawn);
  if (!Via)
    return;
  Out.Via = id(Via);
  llvm::SmallVector<const FunctionDecl *, 2> Entries;
  for (const Expr *Callable : Spawn.Callables)
    if (!getCallableParam(Callable))
      getEntryDecls(Callable, getArgumentAfter(Spawn.Call, Callable), Entries);
  llvm::SmallVector<const CXXMethodDecl *, 4> Overridden;
  for (const FunctionDecl *Entry : Entries)
    getOverriddenMembers(Entry, Overridden);
  for (const CXXMethodDecl *M : Overridden) {
    std::string Id = id(M);
    if (!llvm::is_contained(Out.Overrides, Id))
      Out.Overrides.push_back(std::move(Id));
  }
}

void Exporter::addParamFacts(const FunctionDecl *Fn, summary::Function &Out) {
  const ParamRoles &Roles = Analysis.paramRoles();
  for (unsigned I = 0; I < Fn->getNumParams(); ++I) {
    if (Roles.invokes(Fn, I))
      Out.Invokes.push_back(I);
    // Facts through other functions are linked from Forwards.
    for (const SpawnedParam *Fact : Roles.spawns(Fn, I)) {
      if (!Fact->Spawn)
        continue;
      summary::ParamSpawn P{I,
                            at(Fact->Spawn->Call),
                            Fact->Spawn->Boundary,
                            waitOf(Fact->Spawn->TimeoutWait),
                            {},
                            Fact->Spawn->CarriesAll};
      P.ReusedWorker = Fact->Spawn->ReusedWorker;
      if (const SpawnSite &Spawn = *Fact->Spawn; Spawn.StoredIn)
        P.Stored = summary::StoredTask{Spawn.StoredIn->getNameAsString(),
                                       getWorkerName(Spawn.Worker),
                                       at(Spawn.WorkerStart)};
      if (Fact->Wrapper)
        P.Restored = restoredAt(*Fact->Wrapper, Fact->InvokeSite);
      for (ContextKey Key : Fact->Spawn->Carried)
        P.Restored.push_back(key(Key));
      // A helper that waits for the task on every path.
      if (const FunctionSummary *Own = Analysis.summaryOf(Fn);
          Own && Fact->Spawn->WaitedOnEveryPath) {
        auto Index = static_cast<unsigned>(Fact->Spawn - Own->Spawns.begin());
        for (const JoinSite &J : Own->Joins)
          if (J.Spawn == Index) {
            P.Waits = joinOf(J);
            break;
          }
      }
      Out.ParamSpawns.push_back(std::move(P));
    }
  }
}

summary::Function Exporter::function(const FunctionSummary &S) {
  summary::Function F;
  ArgCalls.clear();
  F.Id = id(S.Fn);
  F.Name = describeFunction(S.Fn);
  llvm::SmallVector<const CXXMethodDecl *, 2> Overridden;
  getOverriddenMembers(dyn_cast<FunctionDecl>(S.Fn), Overridden);
  for (const CXXMethodDecl *M : Overridden)
    F.Overrides.push_back(id(M));
  auto IsWriter = [&](ContextKey Key) {
    auto *It = Written.find(Key);
    return It != Written.end() && It->second.contains(S.Fn);
  };
  // An accessor's caller decides read or write in its own translation
  // unit; a caller elsewhere sees a call that reads.
  if (const auto *Fn = dyn_cast<FunctionDecl>(S.Fn))
    if (std::optional<StorageAlias> Alias = Analysis.accessors().aliasOf(Fn);
        Alias && Alias->Kind != AliasKind::Value) {
      F.Alias = key(Alias->Var);
      F.Reads.push_back(
          {key(Alias->Var), loc(Fn->getLocation()), false, "", "", false});
    }
  if (S.AliasVia)
    F.AliasVia = id(S.AliasVia);
  llvm::DenseMap<const ContextRead *, unsigned> ReadIndex;
  llvm::DenseMap<const CallEdge *, unsigned> CallIndex;
  for (const ContextRead &R : S.Reads) {
    // Saving the previous value in a function that writes it is no use.
    if (!counts(R) || (R.Saved && IsWriter(R.Key)))
      continue;
    summary::Read Out{
        key(R.Key), loc(getReadLoc(R)), restores(S, R.Key, R.evaluatedAt()), "",
        "",         R.Logging};
    if (const auto *Call = dyn_cast<CallExpr>(R.Ref))
      if (isa<const Profile *>(R.Key) && Call->getDirectCallee())
        Out.Through = Call->getDirectCallee()->getQualifiedNameAsString();
    std::tie(Out.After, Out.AfterWrites) = afterAt(S, R.evaluatedAt());
    if (R.DefaultArg) {
      Out.Loc = loc(R.DefaultArg->getUsedLocation());
      Out.DefaultArgOf = describeFunction(
          cast<Decl>(R.DefaultArg->getParam()->getDeclContext()));
    }
    ReadIndex[&R] = F.Reads.size();
    F.Reads.push_back(std::move(Out));
  }
  // The writes that make a thread-local context (the link's inference).
  // Not the writes of a scope class that installs itself over the value it
  // saved: the per-TU check does not count them either (TUAnalysis.h).
  for (const ContextWrite &W : S.Writes) {
    const auto *Var = W.Key.dyn_cast<const VarDecl *>();
    if (W.PerThreadInit ||
        (Var && S.Fn && isSelfScopeWrite(SelfInstalling, S.Fn, Var)))
      continue;
    std::string Key = key(W.Key);
    if (!llvm::is_contained(F.Writes, Key))
      F.Writes.push_back(std::move(Key));
  }
  for (const CallEdge &Edge :
       llvm::concat<const CallEdge>(S.Calls, S.ExternalCalls)) {
    summary::Call Out{
        calleeId(Edge), Edge.Through ? at(Edge.Site) : nameAt(Edge.Site),
        Edge.Through ? Edge.Through->getQualifiedNameAsString() : "",
        restoredAt(S, Edge.Site)};
    std::tie(Out.After, Out.AfterWrites) = afterAt(S, Edge.Site);
    Out.WritesResult = Edge.WritesResult;
    Out.Saved = Edge.Saved;
    if (!Edge.Callee->hasBody())
      Out.Snapshots = snapshotsAt(Edge);
    CallIndex[&Edge] = F.Calls.size();
    F.Calls.push_back(std::move(Out));
    addCallArguments(S, Edge, F);
  }
  for (const SpawnSite &Spawn : S.Spawns) {
    summary::Spawn Out{at(Spawn.Call),   Spawn.Boundary,           {}, {},
                       Spawn.CarriesAll, waitOf(Spawn.TimeoutWait)};
    if (Spawn.Region)
      Out.Entries.push_back(id(Spawn.Region));
    for (const Expr *Callable : Spawn.Callables)
      if (!Out.Held && !getCallableParam(Callable))
        Out.Held = holderOf(getCallableHolder(Callable));
    // A callable that is a parameter is the caller's task (ParamSpawns).
    for (const Expr *Callable : Spawn.Callables)
      if (!getCallableParam(Callable))
        for (std::string &Entry :
             entriesOf(Callable, getArgumentAfter(Spawn.Call, Callable)))
          Out.Entries.push_back(std::move(Entry));
    for (ContextKey Key : Spawn.Carried)
      Out.Carried.push_back(key(Key));
    Out.ReusedWorker = Spawn.ReusedWorker;
    addTrampolineFacts(Spawn, Out);
    F.Spawns.push_back(std::move(Out));
  }
  for (const VirtualTaskCall &Call : S.TaskCalls) {
    summary::TaskCall Out{id(Call.Method), nameAt(Call.Site),
                          restoredAt(S, Call.Site)};
    // Setters defined elsewhere, which only the program can tell.
    llvm::SmallVector<const CallEdge *, 2> Before;
    Restores.externalCallsBefore(S, Call.Site, Before);
    for (const CallEdge *E : Before) {
      std::vector<std::string> &List =
          E->WritesResult ? Out.AfterWrites : Out.After;
      std::string Id = calleeId(*E);
      if (!llvm::is_contained(List, Id))
        List.push_back(std::move(Id));
    }
    F.TaskCalls.push_back(std::move(Out));
  }
  llvm::SmallVector<ExportedLeak, 2> Leaked;
  llvm::SmallVector<TakenBack, 2> Back;
  Leaks.collect(S, Leaked, Back);
  for (const TakenBack &B : Back)
    for (const auto &[Edge, Index] : CallIndex)
      if (Edge->Site == B.Call &&
          !llvm::is_contained(F.Calls[Index].TakenBack, key(B.Key)))
        F.Calls[Index].TakenBack.push_back(key(B.Key));
  for (const ExportedLeak &L : Leaked) {
    summary::Leave Out;
    Out.Key = key(L.Key);
    const auto *SetCall = dyn_cast<Expr>(L.Set);
    Out.Set = SetCall && (L.Via || (isa<CallExpr>(SetCall) &&
                                    !isa<CXXOperatorCallExpr>(SetCall)))
                  ? nameAt(SetCall)
                  : at(L.Set);
    if (L.Via)
      Out.Via = id(L.Via);
    else
      Out.Field = setsField(L.Set);
    if (isa_and_nonnull<CallExpr, CXXConstructExpr>(L.Exit)) {
      // A call that may throw (ThrowAnalysis).
      Out.Exit = nameAt(cast<Expr>(L.Exit));
      Out.ExitKind = "call";
    } else if (L.Exit) {
      Out.Exit = at(L.Exit);
      Out.ExitKind = isa<CXXThrowExpr>(L.Exit) ? "throw" : "return";
    } else if (const Stmt *Body = S.Fn->getBody()) {
      Out.Exit = loc(Body->getEndLoc());
      Out.ExitKind = "end";
    }
    for (const Decl *Callee : L.Unless)
      Out.Unless.push_back(id(Callee));
    for (auto [Setter, Getter] : L.UnlessRestores)
      Out.UnlessRestores.push_back({Setter ? id(Setter) : "", id(Getter)});
    F.Leaves.push_back(std::move(Out));
  }
  llvm::SmallVector<ContextKey, 1> Undone;
  Leaks.undone(S, Undone);
  for (ContextKey Key : Undone)
    F.Undoes.push_back(key(Key));
  if (const auto *Fn = dyn_cast<FunctionDecl>(S.Fn))
    addParamFacts(Fn, F);
  addWriteLossFacts(S, F);
  addSuspensions(S, ReadIndex, CallIndex, F);
  return F;
}

void Exporter::addSuspensions(
    const FunctionSummary &S,
    const llvm::DenseMap<const ContextRead *, unsigned> &Reads,
    const llvm::DenseMap<const CallEdge *, unsigned> &Calls,
    summary::Function &Out) {
  if (S.Suspends.empty())
    return;
  llvm::SmallVector<std::pair<ContextKey, const WriterSet *>, 4> Keys;
  for (const auto &[Key, Writers] : Written)
    Keys.push_back({Key, &Writers});
  std::vector<SuspensionFacts> Facts = Suspensions.find(S, Keys);
  if (Facts.empty())
    return;
  const auto *Coroutine = cast<FunctionDecl>(S.Fn);
  Out.Coroutine = describeCoroutine(Coroutine);
  auto Worded = [&](const ThreadChange &Change, const CoroutineSuspendExpr *E) {
    llvm::SmallVector<WordedNote, 4> Notes;
    describeThreadChange(E, Change, Coroutine, SM, Notes);
    std::vector<summary::Note> Result;
    for (const WordedNote &N : Notes)
      Result.push_back({loc(N.Loc), N.Message});
    return Result;
  };
  for (const SuspensionFacts &Fact : Facts) {
    summary::Suspension Susp;
    Susp.Loc = loc(Fact.Suspend->getKeywordLoc());
    if (Fact.Change)
      Susp.Why = Worded(*Fact.Change, Fact.Suspend);
    for (const ThreadChange &Change : Fact.Elsewhere)
      Susp.Elsewhere.push_back({id(Change.ElsewhereCallee),
                                Change.ElsewhereParam,
                                Worded(Change, Fact.Suspend)});
    for (ContextKey Key : Fact.Carried)
      Susp.Carried.push_back(key(Key));
    for (const SuspensionUse &Use : Fact.Uses) {
      summary::Reached R;
      if (Use.Read) {
        auto It = Reads.find(Use.Read);
        if (It == Reads.end())
          continue;
        R.Read = It->second;
      } else {
        auto It = Calls.find(Use.Call);
        if (It == Calls.end())
          continue;
        R.Call = It->second;
      }
      for (ContextKey Key : Use.Restored)
        R.Restored.push_back(key(Key));
      for (const CallEdge *Ext : Use.After)
        if (auto It = Calls.find(Ext); It != Calls.end())
          R.After.push_back(It->second);
      R.NextIteration = Use.NextIteration;
      Susp.Reaches.push_back(std::move(R));
    }
    Out.Suspensions.push_back(std::move(Susp));
  }
}

std::vector<unsigned> Exporter::joinsBefore(const FunctionSummary &S,
                                            const Stmt *Use) {
  std::vector<unsigned> Spawns;
  for (const JoinSite &J : S.Joins)
    if (!llvm::is_contained(Spawns, J.Spawn) &&
        isAfterJoin(S, J, Use, Restores, SM))
      Spawns.push_back(J.Spawn);
  return Spawns;
}

std::vector<unsigned> Exporter::argsBefore(const FunctionSummary &S,
                                           const Stmt *Use) {
  std::vector<unsigned> Args;
  for (unsigned I = 0; I < ArgCalls.size(); ++I)
    if (ArgCalls[I] != Use &&
        Restores.isEvaluatedBefore(S.Fn, ArgCalls[I], Use))
      Args.push_back(I);
  return Args;
}

/// How the summary shows a join: the waiting call's name, the end of the
/// scope of a handle whose destructor waits, or the statement.
summary::Wait Exporter::joinOf(const JoinSite &J) {
  if (J.Scope)
    return {J.How, loc(J.Scope->getRBracLoc())};
  const auto *Call = dyn_cast<CallExpr>(J.At);
  return {J.How,
          Call && !isa<CXXOperatorCallExpr>(Call) ? nameAt(Call) : at(J.At)};
}

/// What context-write-lost-in-task needs across files: where each spawn is
/// waited for, the reads and calls after the waits or after the calls that
/// pass a callable (to a helper that may wait for it), and the writes that
/// outlive the function.
void Exporter::addWriteLossFacts(const FunctionSummary &S,
                                 summary::Function &F) {
  if (!S.Joins.empty() || !ArgCalls.empty()) {
    for (const JoinSite &J : S.Joins)
      F.Spawns[J.Spawn].Joins.push_back(joinOf(J));
    // The exported reads and calls follow the summary's, less the reads
    // that do not count.
    size_t Read = 0;
    auto IsWriter = [&](ContextKey Key) {
      auto *It = Written.find(Key);
      return It != Written.end() && It->second.contains(S.Fn);
    };
    if (!F.Alias.empty())
      ++Read;
    for (const ContextRead &R : S.Reads) {
      if (!counts(R) || (R.Saved && IsWriter(R.Key)))
        continue;
      if (Read < F.Reads.size()) {
        F.Reads[Read].AfterJoins = joinsBefore(S, R.evaluatedAt());
        F.Reads[Read].AfterArgs = argsBefore(S, R.evaluatedAt());
      }
      ++Read;
    }
    size_t Index = 0;
    for (const CallEdge &Edge :
         llvm::concat<const CallEdge>(S.Calls, S.ExternalCalls))
      if (Index < F.Calls.size()) {
        F.Calls[Index].AfterJoins = joinsBefore(S, Edge.Site);
        F.Calls[Index++].AfterArgs = argsBefore(S, Edge.Site);
      }
  }
  for (const ContextWrite &W : S.Writes) {
    auto *It = Written.find(W.Key);
    if (It == Written.end() ||
        !outlivesFunction(S, W, It->second, Restores, SM))
      continue;
    summary::LeftWrite Out{key(W.Key), at(W.At), ""};
    if (const auto *Call = dyn_cast<CallExpr>(W.At);
        Call && !isa<CXXOperatorCallExpr>(Call)) {
      Out.Loc = nameAt(Call);
      if (isa<const Profile *>(W.Key) && Call->getDirectCallee())
        Out.Through = Call->getDirectCallee()->getQualifiedNameAsString();
    }
    F.LeftWritten.push_back(std::move(Out));
  }
}

summary::Summary Exporter::run(llvm::StringRef MainFile) {
  summary::Summary Out;
  Out.Sources.push_back(MainFile.str());
  for (const FunctionSummary *S : All)
    Out.Functions.push_back(function(*S));
  Out.Keys = std::move(Keys);
  return Out;
}

summary::Summary exportSummary(const TUAnalysis &Analysis, ASTContext &Ctx,
                               llvm::StringRef MainFile,
                               const AnalysisOptions &Options,
                               const SuspendOptions &Suspend) {
  return Exporter(Analysis, Ctx, Options, Suspend).run(MainFile);
}

} // namespace ctxloss
