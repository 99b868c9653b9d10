//===--- TUAnalysis.cpp - Context loss in one translation unit ------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/TUAnalysis.h"
#include "checks/analysis/Annotations.h"
#include "checks/analysis/CallableResolver.h"
#include "checks/analysis/ExternalRestores.h"
#include "checks/analysis/Reachability.h"
#include "checks/analysis/RestoreAnalysis.h"
#include "checks/analysis/SummaryBuilder.h"
#include "checks/analysis/SummaryExport.h"
#include "checks/analysis/TaskObjects.h"
#include "checks/analysis/TaskTrampolines.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"

using namespace clang;

namespace ctxloss {

ast_matchers::DeclarationMatcher definitionsToAnalyze() {
  using namespace ast_matchers;
  return functionDecl(isDefinition(), unless(isExpansionInSystemHeader()))
      .bind("fn");
}

TUAnalysis::TUAnalysis(ASTContext &Ctx, const AnalysisOptions &Options)
    : Ctx(Ctx), Options(Options), Spawns(Options.SpawnFunctions, Options.Pools),
      Profiles(Options.Profiles ? Options.Profiles
                                : ProfileSet::threadLocalOnly()),
      Matcher(*Profiles) {}

TUAnalysis::~TUAnalysis() = default;

static bool isAnalyzable(const FunctionDecl *Fn) {
  if (!Fn || !Fn->hasBody() || Fn->isDependentContext() || Fn->isInvalidDecl())
    return false;
  const SourceManager &SM = Fn->getASTContext().getSourceManager();
  return !SM.isInSystemHeader(SM.getExpansionLoc(Fn->getLocation()));
}

void TUAnalysis::addFunction(const FunctionDecl *Fn) {
  if (isAnalyzable(Fn))
    addBody(Fn);
}

void TUAnalysis::addBody(const Decl *Body) {
  if (!Summaries.contains(Body))
    Pending.push_back(Body);
}

const FunctionSummary *TUAnalysis::summaryOf(const Decl *Fn) const {
  const auto *It = Summaries.find(Fn);
  return It == Summaries.end() ? nullptr : It->second.get();
}

/// The entries a spawn's callables run, or the OpenMP region. A callable
/// that is a parameter is left to the inference of spawning helpers: the
/// task is reported where the helper is called, not inside the helper.
void TUAnalysis::resolveWrittenTasks(const SpawnSite &Spawn,
                                     llvm::SmallVectorImpl<ResolvedTask> &Out) {
  if (Spawn.Region) {
    Out.push_back({Spawn.Region, nullptr, TaskForm::Region, nullptr});
    return;
  }
  for (const Expr *Callable : Spawn.Callables)
    if (!getCallableParam(Callable))
      resolveTask(Callable, getArgumentAfter(Spawn.Call, Callable), Out);
}

void TUAnalysis::taskObjectOverrides(
    const Expr *Callable, llvm::SmallVectorImpl<ResolvedTask> &Out) const {
  const CXXRecordDecl *Closed = getClosedTaskClass(Callable);
  if (!Closed && !Options.TaskObjectOverrides)
    return;
  llvm::SmallVector<ResolvedTask, 2> Found;
  auto Add = [&](const FunctionDecl *Def, const CXXMethodDecl *Of) {
    if (!Def->isPureVirtual() &&
        llvm::none_of(Found, [&](const auto &T) { return T.Entry == Def; }))
      Found.push_back({Def, Callable, TaskForm::TaskObject,
                       getCallableHolder(Callable), Of, Closed});
  };
  // A closed class: its own entries and the overrides in the classes the
  // translation unit derives from it are every body it may run.
  llvm::SmallVector<const FunctionDecl *, 2> Own;
  getOwnTaskEntries(Closed, Own);
  for (const FunctionDecl *Def : Own)
    Add(Def, nullptr);
  llvm::SmallVector<const CXXMethodDecl *, 2> Members;
  getUnknownTaskEntryMembers(Callable, Members);
  for (const CXXMethodDecl *Member : Members)
    for (const FunctionDecl *Def : Overriders.candidates(Member)) {
      const auto *Method = dyn_cast<CXXMethodDecl>(Def);
      if (!Closed || (Method && Method->getParent()->isDerivedFrom(Closed)))
        Add(Def, Member);
    }
  // One body is what the object runs, whatever its dynamic type; several
  // are a guess, taken with the option only.
  if (Closed && Found.size() == 1)
    Found.front().OverrideOf = nullptr;
  else if (!Options.TaskObjectOverrides)
    return;
  for (ResolvedTask &T : Found)
    if (llvm::none_of(Out, [&](const ResolvedTask &Have) {
          return Have.Entry == T.Entry && Have.Callable == Callable;
        }))
      Out.push_back(T);
}

void TUAnalysis::resolveTasks(const SpawnSite &Spawn,
                              llvm::SmallVectorImpl<ResolvedTask> &Out) const {
  resolveWrittenTasks(Spawn, Out);
  if (!Spawn.Region)
    for (const Expr *Callable : Spawn.Callables)
      taskObjectOverrides(Callable, Out);
}

void TUAnalysis::resolveEntries(
    const SpawnSite &Spawn, llvm::SmallVectorImpl<const Decl *> &Out) const {
  llvm::SmallVector<ResolvedTask, 4> Tasks;
  resolveTasks(Spawn, Tasks);
  for (const ResolvedTask &T : Tasks)
    Out.push_back(T.Entry);
}

void TUAnalysis::summarizePending() {
  // A worklist, not recursion: call chains may be arbitrarily long.
  llvm::SmallVector<const Decl *, 8> Entries;
  SummaryContext With{Spawns, Matcher, Accessors, Options.CaptureWrappers};
  while (!Pending.empty()) {
    const Decl *Fn = Pending.back();
    Pending.pop_back();
    if (Summaries.contains(Fn))
      continue;
    auto S = std::make_unique<FunctionSummary>(summarizeFunction(Fn, With));
    for (const CallEdge &Edge : S->Calls)
      addFunction(Edge.Callee);
    for (const FunctionDecl *Lambda : S->Lambdas)
      addFunction(Lambda);
    for (const SpawnSite &Spawn : S->Spawns) {
      Entries.clear();
      resolveEntries(Spawn, Entries);
      for (const Decl *Entry : Entries) {
        if (const auto *EntryFn = dyn_cast<FunctionDecl>(Entry))
          addFunction(EntryFn);
        else
          addBody(Entry);
      }
    }
    Summaries.try_emplace(Fn, std::move(S));
  }
}

void TUAnalysis::followVirtualCalls() {
  for (const auto &Entry : Summaries)
    if (const auto *Fn = dyn_cast<FunctionDecl>(Entry.first))
      Overriders.add(Fn);
  for (auto &Entry : Summaries) {
    FunctionSummary &S = *Entry.second;
    for (const VirtualTaskCall &Call : S.VirtualCalls) {
      // A task object's entry is run by a framework's thread entry: that is
      // TaskTrampolines.h's, not a call to follow into the task.
      if (!VirtualSeen.insert(Call.Site).second ||
          isTaskEntryMethod(Call.Method))
        continue;
      llvm::SmallVector<const FunctionDecl *, 2> Bodies =
          Overriders.candidates(Call.Method);
      if (Bodies.size() == 1) {
        // The only body the call may run: a call of it.
        CallEdge Edge{Bodies.front(), Call.Site};
        Edge.Dispatched = Call.Method;
        S.Calls.push_back(Edge);
        addFunction(Bodies.front());
      } else if (Bodies.size() > 1) {
        VirtualTargets[Call.Site] = std::move(Bodies);
      } else {
        // No body here: a call of a function defined elsewhere, which the
        // program summary may resolve to the only override in the program
        // (ProgramAnalysis.h).
        CallEdge Edge{Call.Method, Call.Site};
        Edge.Virtual = true;
        S.ExternalCalls.push_back(Edge);
      }
    }
  }
}

void TUAnalysis::summarizeAll() {
  auto Lookup = [this](const FunctionDecl *Fn) { return summaryOf(Fn); };
  llvm::SmallVector<const FunctionDecl *, 4> Entries;
  while (true) {
    summarizePending();
    followVirtualCalls();
    summarizePending();
    llvm::SmallVector<const FunctionSummary *, 0> All;
    for (const auto &Entry : Summaries)
      All.push_back(Entry.second.get());
    collectExternalSpawns();
    Roles = ParamRoles();
    Roles.compute(All, Lookup, ExternalSpawns);
    // Tasks stored for a worker that a spawn reaches: the stores become
    // spawns of the storing functions' parameters.
    if (StoredTasks.run(Summaries, [this](const FunctionSummary &S, auto &Out) {
          taskEntries(S, Out);
        })) {
      Roles = ParamRoles();
      Roles.compute(All, Lookup, ExternalSpawns);
    }

    for (const auto &Entry : Summaries) {
      FunctionSummary &S = *Entry.second;
      // Index loop: the edges found here are appended to the same list.
      // Then the calls to functions defined elsewhere, which may spawn
      // (never invoke: the program summary says only what they spawn).
      size_t NumCalls = S.Calls.size();
      for (size_t I = 0, N = NumCalls + S.ExternalCalls.size(); I != N; ++I) {
        const CallEdge Edge =
            I < NumCalls ? S.Calls[I] : S.ExternalCalls[I - NumCalls];
        const auto *Call = dyn_cast<CallExpr>(Edge.Site);
        if (!Call || Edge.Through)
          continue;
        for (unsigned Arg = 0; Arg < Call->getNumArgs(); ++Arg) {
          std::optional<unsigned> Param =
              paramIndexOfArg(Call, Edge.Callee, Arg);
          const Expr *Callable = Call->getArg(Arg);
          if (!Param || getCallableParam(Callable))
            continue;
          bool Invoked = Roles.invokes(Edge.Callee, *Param);
          bool Spawned = !Roles.spawns(Edge.Callee, *Param).empty();
          if (!Invoked && !Spawned)
            continue;
          Entries.clear();
          resolveCallable(Callable, Entries);
          for (const FunctionDecl *Target : Entries) {
            addFunction(Target);
            if (Invoked && InvocationEdges.insert({Callable, Target}).second)
              S.Calls.push_back({Target, Callable, Edge.Callee});
          }
        }
      }
    }
    if (Pending.empty())
      return;
  }
}

void TUAnalysis::taskEntries(
    const FunctionSummary &S,
    llvm::SmallVectorImpl<std::pair<const Decl *, const Stmt *>> &Out) const {
  llvm::SmallVector<const Decl *, 4> Entries;
  for (const SpawnSite &Spawn : S.Spawns) {
    Entries.clear();
    resolveEntries(Spawn, Entries);
    for (const Decl *Entry : Entries)
      Out.push_back({Entry, Spawn.Call});
  }
  llvm::SmallVector<const FunctionDecl *, 4> Targets;
  for (const CallEdge &Edge : S.Calls) {
    const auto *Call = dyn_cast<CallExpr>(Edge.Site);
    if (!Call || Edge.Through)
      continue;
    for (unsigned Arg = 0; Arg < Call->getNumArgs(); ++Arg) {
      std::optional<unsigned> Param = paramIndexOfArg(Call, Edge.Callee, Arg);
      if (!Param || Roles.spawns(Edge.Callee, *Param).empty())
        continue;
      Targets.clear();
      resolveCallable(Call->getArg(Arg), Targets);
      for (const FunctionDecl *Target : Targets)
        Out.push_back({Target, Call});
    }
  }
}

static void indexThreadLocals(const DeclContext *DC,
                              llvm::StringMap<const VarDecl *> &Out);

/// The context key \p Id names in the program summary, as this
/// translation unit knows it, or none.
static ContextKey findKey(llvm::StringRef Id,
                          const llvm::StringMap<const VarDecl *> &Vars,
                          const ProfileSet &Profiles) {
  if (Id.consume_front("profile:"))
    return Profiles.find(Id);
  return Vars.lookup(Id);
}

void TUAnalysis::collectExternalSpawns() {
  if (!Options.External || Options.External->Spawns.empty())
    return;
  llvm::StringMap<const VarDecl *> Vars;
  bool Indexed = false;
  for (const auto &Entry : Summaries)
    for (const CallEdge &Edge : Entry.second->ExternalCalls) {
      if (!ExternalSeen.insert(Edge.Callee).second)
        continue;
      std::string Id = getCalleeId(Edge);
      auto It = Options.External->Spawns.find(Options.External->calleeId(Id));
      if (It == Options.External->Spawns.end())
        continue;
      if (!Indexed) {
        indexThreadLocals(Ctx.getTranslationUnitDecl(), Vars);
        Indexed = true;
      }
      for (const ProgramSpawn &P : It->second) {
        if (P.Param >= Edge.Callee->getNumParams())
          continue;
        auto Site = std::make_unique<SpawnSite>();
        Site->Call = Edge.Site;
        Site->Boundary = P.Boundary;
        Site->CarriesAll = P.CarriesAll;
        // What the task leaves set, the pool's next task inherits
        // (context-leaked-from-task); a helper that waits returns once the
        // task has ended (context-write-lost-in-task).
        Site->ReusedWorker = P.ReusedWorker;
        Site->WaitedOnEveryPath = P.Waits.has_value();
        for (const std::string &Id : P.Restored)
          if (ContextKey Key = findKey(Id, Vars, *Profiles))
            Site->Carried.push_back(Key);
        SpawnedParam Fact{Edge.Callee, P.Param, Site.get()};
        Fact.External = &P;
        ExternalSpawns.push_back(Fact);
        ExternalSpawnSites.push_back(std::move(Site));
      }
    }
}

bool TUAnalysis::addHelperSpawns(
    const clang::CallExpr *Call, const FunctionDecl *Helper,
    llvm::DenseSet<std::pair<const Expr *, unsigned>> &Seen) {
  bool Added = false;
  for (unsigned Arg = 0; Arg < Call->getNumArgs(); ++Arg) {
    std::optional<unsigned> Param = paramIndexOfArg(Call, Helper, Arg);
    const Expr *Callable = Call->getArg(Arg);
    if (!Param || getCallableParam(Callable) ||
        Roles.spawns(Helper, *Param).empty() ||
        propagatesByAnnotation(Helper) || !Seen.insert({Call, Arg}).second)
      continue;
    auto H = std::make_unique<HelperSpawn>();
    H->Site.Call = Call;
    H->Site.Callables.push_back(Callable);
    H->Site.Boundary = Helper->getQualifiedNameAsString();
    H->Helper = Helper;
    H->Index = *Param;
    H->Site.ReusedWorker = llvm::any_of(
        Roles.spawns(Helper, *Param), [](const SpawnedParam *Fact) {
          return Fact->underlyingSpawn().ReusedWorker;
        });
    HelperSpawns.push_back(std::move(H));
    Added = true;
  }
  return Added;
}

void TUAnalysis::collectHelperSpawns() {
  llvm::DenseSet<std::pair<const Expr *, unsigned>> Seen;
  for (const auto &Entry : Summaries) {
    const FunctionSummary &S = *Entry.second;
    // A call that is a spawn boundary itself (a named framework's, the
    // pool-like heuristic's) is reported as that spawn, once, even when the
    // analysis also finds that the callee spawns the argument.
    for (const SpawnSite &Spawn : S.Spawns)
      if (const auto *Call = dyn_cast<CallExpr>(Spawn.Call))
        for (unsigned Arg = 0; Arg < Call->getNumArgs(); ++Arg)
          Seen.insert({Call, Arg});
    // A function defined elsewhere that the program summary says spawns
    // its parameter is a helper too (collectExternalSpawns).
    llvm::SmallVector<const CallEdge *, 8> Edges;
    for (const CallEdge &Edge : S.Calls)
      Edges.push_back(&Edge);
    if (!ExternalSpawns.empty())
      for (const CallEdge &Edge : S.ExternalCalls)
        Edges.push_back(&Edge);
    for (const CallEdge *Edge : Edges)
      if (const auto *Call = dyn_cast<CallExpr>(Edge->Site);
          Call && !Edge->Through)
        addHelperSpawns(Call, Edge->Callee, Seen);
    // A virtual call that may run several bodies: a boundary for an
    // argument when one of them spawns it (the first that does).
    for (const VirtualTaskCall &Virtual : S.VirtualCalls)
      if (auto It = VirtualTargets.find(Virtual.Site);
          It != VirtualTargets.end())
        for (const FunctionDecl *Body : It->second)
          if (addHelperSpawns(Virtual.Site, Body, Seen))
            break;
  }
}

/// Whether the context \p Key is lost along \p Fact: a helper whose spawned
/// lambda restores \p Key before calling the parameter propagates it, and so
/// does a spawn that carries it.
static bool losesContext(const SpawnedParam *Fact, ContextKey Key,
                         const WriterSet &Writers, RestoreAnalysis &Restores) {
  for (; Fact; Fact = Fact->Next) {
    if (Fact->Wrapper && Restores.isRestoredBefore(*Fact->Wrapper, Key, Writers,
                                                   Fact->InvokeSite))
      return false;
    if (Fact->Spawn && Fact->Spawn->carries(Key))
      return false;
  }
  return true;
}

/// The thread-local variables declared at namespace or class scope in the
/// translation unit, by key id.
static void indexThreadLocals(const DeclContext *DC,
                              llvm::StringMap<const VarDecl *> &Out) {
  llvm::SmallVector<const DeclContext *, 16> Work = {DC};
  while (!Work.empty()) {
    const DeclContext *Context = Work.pop_back_val();
    for (const Decl *D : Context->decls()) {
      if (const auto *Var = dyn_cast<VarDecl>(D)) {
        if (isThreadLocal(Var))
          Out.try_emplace(getKeyId(Var->getCanonicalDecl()),
                          Var->getCanonicalDecl());
      } else if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl, CXXRecordDecl>(
                     D)) {
        Work.push_back(cast<DeclContext>(D));
      }
    }
  }
}

void TUAnalysis::addExternalReads(llvm::DenseSet<const VarDecl *> &Context) {
  llvm::StringMap<const VarDecl *> Vars;
  indexThreadLocals(Ctx.getTranslationUnitDecl(), Vars);
  for (const auto &Entry : Vars)
    if (Options.External->ContextVariables.contains(Entry.getKey()))
      Context.insert(Entry.getValue());
  for (auto &Entry : Summaries) {
    FunctionSummary &S = *Entry.second;
    for (const CallEdge &Call : S.ExternalCalls) {
      std::string Id = getCalleeId(Call);
      auto It =
          Options.External->ByFunction.find(Options.External->calleeId(Id));
      if (It == Options.External->ByFunction.end())
        continue;
      for (const ProgramRead &R : It->second) {
        ContextKey Key;
        if (R.Profile) {
          Key = Profiles->find(R.KeyName);
        } else if (const VarDecl *Var = Vars.lookup(R.Key)) {
          Key = Var;
        }
        if (Key)
          S.Reads.push_back({Key, Call.Site, nullptr, false, &R});
      }
    }
  }
}

bool countsAsRead(const ContextRead &Read, LoggingReads Mode,
                  const llvm::SmallPtrSetImpl<const Profile *> &PatternsSet) {
  if (!Read.Logging)
    return true;
  switch (Mode) {
  case LoggingReads::Always:
    return true;
  case LoggingReads::Never:
    return false;
  case LoggingReads::Auto:
    return PatternsSet.contains(Read.Key.dyn_cast<const Profile *>());
  }
  return false;
}

using SummaryMap =
    llvm::MapVector<const Decl *, std::unique_ptr<FunctionSummary>>;

/// The argument a call edge's site passes to parameter \p Index of
/// \p Callee, or null (a member operator's object is argument 0).
static const Expr *argumentFor(const Expr *Site, const FunctionDecl *Callee,
                               unsigned Index) {
  const auto *Call = dyn_cast<CallExpr>(Site);
  if (!Call)
    return nullptr;
  if (isa<CXXOperatorCallExpr>(Call))
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
        Method && Method->isInstance())
      ++Index;
  return Index < Call->getNumArgs() ? Call->getArg(Index) : nullptr;
}

using ParamSetters = llvm::DenseMap<std::pair<const Decl *, unsigned>,
                                    llvm::SmallVector<const VarDecl *, 1>>;

/// The functions that store one of their parameters in a thread-local
/// (`value_ = value`), directly or by passing it on to such a function
/// (`void operator=(T *v) { base::operator=(v); }`).
static ParamSetters findParamSetters(const SummaryMap &Summaries) {
  ParamSetters Out;
  auto Add = [&Out](const Decl *Fn, unsigned Index, const VarDecl *Var) {
    auto &Vars = Out[{Fn, Index}];
    if (llvm::is_contained(Vars, Var))
      return false;
    Vars.push_back(Var);
    return true;
  };
  for (const auto &[Fn, S] : Summaries)
    for (const ContextWrite &Write : S->Writes)
      if (const auto *Var = Write.Key.dyn_cast<const VarDecl *>())
        if (Write.FromParam &&
            Decl::castFromDeclContext(Write.FromParam->getDeclContext()) == Fn)
          Add(Fn, getParamIndex(Write.FromParam), Var);
  if (Out.empty())
    return Out;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Fn, S] : Summaries)
      for (const CallEdge &Edge : S->Calls)
        for (unsigned I = 0, N = Edge.Callee->getNumParams(); I < N; ++I) {
          auto It = Out.find({Edge.Callee, I});
          if (It == Out.end())
            continue;
          const Expr *Arg = argumentFor(Edge.Site, Edge.Callee, I);
          const auto *Ref =
              Arg ? dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts()) : nullptr;
          const auto *Param =
              Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
          if (!Param ||
              Decl::castFromDeclContext(Param->getDeclContext()) != Fn)
            continue;
          llvm::SmallVector<const VarDecl *, 1> Vars = It->second;
          for (const VarDecl *Var : Vars)
            Changed |= Add(Fn, getParamIndex(Param), Var);
        }
  }
  return Out;
}

static bool isScopeMember(const SelfScopes &Scopes, const Decl *Fn,
                          const VarDecl *Var) {
  if (!isa<CXXConstructorDecl, CXXDestructorDecl>(Fn))
    return false;
  const CXXRecordDecl *Class = cast<CXXMethodDecl>(Fn)->getParent();
  return Scopes.Classes.contains({Class->getCanonicalDecl(), Var});
}

/// Whether \p Callee is a member function by which the scope \p Scope may
/// save the previous value or, with \p Installs, install itself: one of a
/// wrapper object (`top_ = this` calling `tss_ptr::operator=`), or one of
/// the scope class itself (gRPC's ExecCtx: `last_exec_ctx_ = Get()`, then
/// `Set(this)`). The scope class's own setter installs only when no code
/// outside the class can call it (private or protected, as gRPC's
/// `ExecCtx::Set`): a public one is an interface others may call, and its
/// variable stays context.
static bool isWrapperMember(const FunctionDecl *Callee,
                            const CXXRecordDecl *Scope, bool Installs) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (!Method)
    return false;
  if (Method->getParent()->getCanonicalDecl() == Scope->getCanonicalDecl())
    return !Installs || Method->getAccess() != AS_public;
  return Method->isInstance();
}

SelfScopes findSelfInstallingScopes(const SummaryMap &Summaries) {
  SelfScopes Out;
  ParamSetters Setters = findParamSetters(Summaries);
  auto Reads = [&Summaries](const Decl *Fn, const VarDecl *Var) {
    const auto *It = Summaries.find(Fn);
    return It != Summaries.end() &&
           llvm::any_of(It->second->Reads, [Var](const ContextRead &Read) {
             return Read.Key == ContextKey(Var);
           });
  };
  for (const auto &[Fn, S] : Summaries) {
    const auto *Ctor = dyn_cast<CXXConstructorDecl>(Fn);
    if (!Ctor)
      continue;
    llvm::SmallVector<const VarDecl *, 2> Installed;
    for (const ContextWrite &Write : S->Writes)
      if (const auto *Var = Write.Key.dyn_cast<const VarDecl *>())
        if (Write.InstallsThis)
          Installed.push_back(Var);
    // `this` handed to a wrapper's setter.
    for (const CallEdge &Edge : S->Calls)
      for (unsigned I = 0, N = isWrapperMember(Edge.Callee, Ctor->getParent(),
                                               /*Installs=*/true)
                                   ? Edge.Callee->getNumParams()
                                   : 0;
           I < N; ++I) {
        auto It = Setters.find({Edge.Callee, I});
        const Expr *Arg = It == Setters.end()
                              ? nullptr
                              : argumentFor(Edge.Site, Edge.Callee, I);
        if (Arg && isa<CXXThisExpr>(Arg->IgnoreParenImpCasts()))
          Installed.append(It->second.begin(), It->second.end());
      }
    for (const VarDecl *Var : Installed) {
      // The previous value saved, read directly or through a getter.
      bool Saved =
          llvm::any_of(S->Reads,
                       [&](const ContextRead &Read) {
                         return Read.Saved && Read.Key == ContextKey(Var);
                       }) ||
          llvm::any_of(S->Calls, [&](const CallEdge &Edge) {
            return Edge.Saved &&
                   isWrapperMember(Edge.Callee, Ctor->getParent(),
                                   /*Installs=*/false) &&
                   Reads(Edge.Callee, Var);
          });
      if (Saved)
        Out.Classes.insert({Ctor->getParent()->getCanonicalDecl(), Var});
    }
  }
  if (Out.Classes.empty() || Setters.empty())
    return Out;

  // The setters that only the scopes call, directly or through one another.
  llvm::DenseMap<const Decl *, llvm::SmallVector<const Decl *, 2>> Callers;
  for (const auto &[Fn, S] : Summaries)
    for (const CallEdge &Edge : S->Calls)
      Callers[Edge.Callee].push_back(Fn);
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Key, Vars] : Setters) {
      const Decl *Fn = Key.first;
      auto It = Callers.find(Fn);
      if (It == Callers.end())
        continue;
      for (const VarDecl *Var : Vars) {
        if (Out.Setters.contains({Fn, Var}))
          continue;
        if (llvm::all_of(It->second, [&](const Decl *Caller) {
              return isScopeMember(Out, Caller, Var) ||
                     Out.Setters.contains({Caller, Var});
            }))
          Changed |= Out.Setters.insert({Fn, Var}).second;
      }
    }
  }
  return Out;
}

bool isSelfScopeWrite(const SelfScopes &Scopes, const Decl *Fn,
                      const VarDecl *Var) {
  return isScopeMember(Scopes, Fn, Var) || Scopes.Setters.contains({Fn, Var});
}

void TUAnalysis::prepare() {
  if (Prepared)
    return;
  Prepared = true;
  summarizeAll();
  collectHelperSpawns();
  markSelfInstallingThreads();
  if (Options.External)
    addExternalReads(ExternalContext);

  // Which thread-locals are context, from every use seen; profiles'
  // contexts always are.
  Model = std::make_unique<ContextModel>(Options.Context);
  SelfScopes Scopes = findSelfInstallingScopes(Summaries);
  llvm::SmallVector<const FunctionSummary *, 0> All;
  for (const auto &[Fn, S] : Summaries) {
    All.push_back(S.get());
    for (const ContextRead &Read : S->Reads) {
      // Saving the previous value before writing it is not a use.
      if (const auto *Var = Read.Key.dyn_cast<const VarDecl *>())
        if (!Read.Saved || !S->writes(Var))
          Model->noteRead(Var, Fn);
      ReadKeys.insert(Read.Key);
    }
    for (const ContextWrite &Write : S->Writes)
      if (const auto *Var = Write.Key.dyn_cast<const VarDecl *>())
        if (!Write.PerThreadInit && !isSelfScopeWrite(Scopes, Fn, Var))
          Model->noteWrite(Var, Fn);
    PatternsSet.insert(S->PatternsSet.begin(), S->PatternsSet.end());
  }

  // Every task site as written: direct spawns, then calls to helpers.
  for (const FunctionSummary *S : All)
    for (const SpawnSite &Spawn : S->Spawns)
      Sites.push_back({&Spawn});
  for (const auto &H : HelperSpawns)
    Sites.push_back({&H->Site, H->Helper, H->Index});

  Graph = std::make_unique<CallGraphIndex>(All);
  Restores = std::make_unique<RestoreAnalysis>(Ctx);
  // Calls to functions whose body this translation unit lacks: what the
  // program summary says they restore, or a guess from a snapshot passed.
  Restores->setExternalRestores(findExternalRestores(
      All, Options.External.get(), ReadKeys.getArrayRef()));
  markWaitingHelpers();
  carryTrampolineWrites();
}

void TUAnalysis::markSelfInstallingThreads() {
  // The entries every spawn of which passes `this` as their argument.
  llvm::SmallSetVector<const FunctionDecl *, 2> Self;
  llvm::DenseSet<const FunctionDecl *> Other;
  llvm::SmallVector<ResolvedTask, 2> Tasks;
  for (const auto &[Fn, S] : Summaries)
    for (const SpawnSite &Spawn : S->Spawns) {
      Tasks.clear();
      resolveWrittenTasks(Spawn, Tasks);
      for (const ResolvedTask &T : Tasks) {
        const auto *Entry = dyn_cast<FunctionDecl>(T.Entry);
        if (T.Form != TaskForm::Function || !Entry ||
            Entry->getNumParams() != 1)
          continue;
        const Expr *Arg = getArgumentAfter(Spawn.Call, T.Callable);
        if (Arg && isa<CXXThisExpr>(Arg->IgnoreParenCasts()))
          Self.insert(Entry);
        else
          Other.insert(Entry);
      }
    }
  for (const FunctionDecl *Entry : Self) {
    const auto *It = Summaries.find(Entry);
    if (Other.contains(Entry) || It == Summaries.end())
      continue;
    for (ContextWrite &Write : It->second->Writes)
      if (Write.FromParam == Entry->getParamDecl(0))
        Write.PerThreadInit = true;
  }
}

void TUAnalysis::carryTrampolineWrites() {
  TrampolineFinder Finder(
      [this](const Decl *Fn) { return summaryOf(Fn); },
      [this](const SpawnSite &Spawn, llvm::SmallVectorImpl<const Decl *> &Out) {
        resolveEntries(Spawn, Out);
      });
  llvm::SmallVector<TrampolineCall, 2> Calls;
  for (auto &[Fn, S] : Summaries)
    for (SpawnSite &Spawn : S->Spawns) {
      Calls.clear();
      Finder.find(Spawn, Calls);
      if (Calls.empty())
        continue;
      // Only a key read somewhere here can be lost here.
      for (ContextKey Key : ReadKeys) {
        if (Spawn.carries(Key))
          continue;
        const WriterSet &Writers = writersOf(Key);
        if (llvm::all_of(Calls, [&](const TrampolineCall &Call) {
              return Restores->isRestoredBefore(*Call.Entry, Key, Writers,
                                                Call.Site);
            }))
          Spawn.Carried.push_back(Key);
      }
    }
}

/// Whether \p S waits for its spawn \p Index on every path from the spawn
/// to a normal exit.
static bool waitsOnEveryPath(const FunctionSummary &S, unsigned Index,
                             RestoreAnalysis &Restores) {
  const SpawnSite &Spawn = S.Spawns[Index];
  llvm::SmallVector<const Stmt *, 2> Stops;
  for (const JoinSite &J : S.Joins) {
    if (J.Spawn != Index)
      continue;
    // A waiting destructor runs on every way out of its scope; a boundary
    // that waits itself, or a discarded future, waits at once.
    if (J.Scope || J.At == Spawn.Call)
      return true;
    // Once a range-for over the handles is entered, it waits for them all.
    Stops.push_back(J.Loop ? J.loopEntry() : J.At);
  }
  return !Stops.empty() && Restores.isAlwaysFollowedBy(S.Fn, Spawn.Call, Stops);
}

void TUAnalysis::markWaitingHelpers() {
  for (auto &[Fn, S] : Summaries) {
    if (S->Joins.empty())
      continue;
    for (unsigned I = 0, N = S->Spawns.size(); I != N; ++I) {
      SpawnSite &Spawn = S->Spawns[I];
      // Only a helper's spawn of its parameter needs it: its callers' reads
      // come after the helper's call.
      if (llvm::any_of(Spawn.Callables, [](const Expr *Callable) {
            return getCallableParam(Callable) != nullptr;
          }))
        Spawn.WaitedOnEveryPath = waitsOnEveryPath(*S, I, *Restores);
    }
  }
}

bool TUAnalysis::isContext(ContextKey Key) const {
  if (const auto *Var = Key.dyn_cast<const VarDecl *>())
    return Profiles->threadLocalEnabled() &&
           (ExternalContext.contains(Var) || Model->isContext(Var));
  return true;
}

bool TUAnalysis::countsAsRead(const ContextRead &Read) const {
  // A logging call reads the context when its pattern prints it.
  return ctxloss::countsAsRead(Read, Options.Logging, PatternsSet);
}

const WriterSet &TUAnalysis::writersOf(ContextKey Key) {
  auto [It, Inserted] = Writers.try_emplace(Key);
  if (Inserted)
    It->second = findWriters(Key, *Graph);
  return It->second;
}

const std::vector<LostContext> &TUAnalysis::lostContexts() {
  prepare();
  if (Lost)
    return *Lost;
  Lost.emplace();
  std::vector<LostContext> &Findings = *Lost;
  if (Sites.empty())
    return Findings;

  auto Counts = [&](const ContextRead &Read) { return countsAsRead(Read); };

  const SourceManager &SM = Ctx.getSourceManager();
  // One finding per spawn site as written and variable: template
  // instantiations share the spawn's location.
  llvm::DenseSet<std::pair<SourceLocation, const void *>> Reported;
  llvm::SmallVector<ResolvedTask, 4> Tasks;

  for (ContextKey Key : ReadKeys) {
    if (!isContext(Key))
      continue;
    const WriterSet &Writers = writersOf(Key);
    ReadPaths Paths = findReadPaths(Key, *Graph, Writers, *Restores, Counts);
    if (Paths.empty())
      continue;
    for (const TaskSite &S : Sites) {
      const SpawnedParam *Helper = nullptr;
      if (S.Helper) {
        for (const SpawnedParam *Fact : Roles.spawns(S.Helper, S.Index))
          if (losesContext(Fact, Key, Writers, *Restores)) {
            Helper = Fact;
            break;
          }
        if (!Helper)
          continue;
      }
      if (S.Spawn->carries(Key))
        continue;
      Tasks.clear();
      resolveTasks(*S.Spawn, Tasks);
      const ResolvedTask *Best = nullptr;
      unsigned BestDistance = 0;
      for (const ResolvedTask &Task : Tasks) {
        auto It = Paths.find(Task.Entry);
        if (It != Paths.end() &&
            (!Best || It->second.Distance < BestDistance)) {
          Best = &Task;
          BestDistance = It->second.Distance;
        }
      }
      if (!Best)
        continue;
      SourceLocation Loc = SM.getExpansionLoc(S.Spawn->Call->getBeginLoc());
      if (!Reported.insert({Loc, Key.getOpaqueValue()}).second)
        continue;
      LostContext Finding{S.Spawn, Key,         *Best,   {},
                          {},      Best->Entry, nullptr, Helper};
      const Decl *At = Best->Entry;
      // Distances strictly decrease along the path, so this ends.
      while (true) {
        const ReadStep &Step = Paths.find(At)->second;
        if (!Step.Call) {
          Finding.Reader = At;
          Finding.Read = Step.Read;
          break;
        }
        Finding.Callers.push_back(At);
        Finding.Path.push_back(Step.Call);
        At = Step.Call->Callee;
      }
      Findings.push_back(std::move(Finding));
    }
  }

  llvm::sort(Findings, [&](const LostContext &A, const LostContext &B) {
    SourceLocation LA = SM.getExpansionLoc(A.Spawn->Call->getBeginLoc());
    SourceLocation LB = SM.getExpansionLoc(B.Spawn->Call->getBeginLoc());
    if (LA != LB)
      return SM.isBeforeInTranslationUnit(LA, LB);
    return contextName(A.Key) < contextName(B.Key);
  });
  return Findings;
}

} // namespace ctxloss
