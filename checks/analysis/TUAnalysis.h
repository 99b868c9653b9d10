//===--- TUAnalysis.h - Context loss in one translation unit ----*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The engine's entry point for one translation unit. Callers hand it the
/// function definitions they see (clang-tidy's matchers, or every definition
/// of the TU); it summarises them and whatever they call or spawn, decides
/// which thread-locals are context, and reports every spawn site whose task
/// reaches an unrestored read of context, with the shortest call path.
///
/// It depends on no clang-tidy class, so the checks and the whole-program
/// driver share it.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_TUANALYSIS_H
#define CTXLOSS_ANALYSIS_TUANALYSIS_H

#include "checks/analysis/CallableResolver.h"
#include "checks/analysis/ContextModel.h"
#include "checks/analysis/FunctionSummary.h"
#include "checks/analysis/Overriders.h"
#include "checks/analysis/ParamRoles.h"
#include "checks/analysis/Profile.h"
#include "checks/analysis/ProgramAnalysis.h"
#include "checks/analysis/Reachability.h"
#include "checks/analysis/RestoreAnalysis.h"
#include "checks/analysis/SpawnRecognizer.h"
#include "checks/analysis/StoredTasks.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>
#include <optional>
#include <vector>

namespace ctxloss {

/// Whether logging calls read a logging profile's context (the
/// `LoggingReadsContext` option): always, never, or when the translation
/// unit sets a pattern that prints it.
enum class LoggingReads : std::uint8_t { Auto, Always, Never };

/// Whether \p Read counts as a read of its context: a logging call does
/// under \p Mode, given the profiles whose pattern the translation unit sets
/// to print their context.
bool countsAsRead(const ContextRead &Read, LoggingReads Mode,
                  const llvm::SmallPtrSetImpl<const Profile *> &PatternsSet);

struct AnalysisOptions {
  ContextOptions Context;
  std::vector<SpawnFunction> SpawnFunctions;
  PoolHeuristic Pools;
  /// The enabled profiles; null means the thread-local profile alone.
  std::shared_ptr<const ProfileSet> Profiles;
  NameRegexList CaptureWrappers;
  LoggingReads Logging = LoggingReads::Auto;
  /// A task object whose dynamic type the spawn site does not show runs
  /// any override of its entry members that the translation unit defines
  /// (the `TaskObjectOverrides` option); off, such a task is unknown.
  bool TaskObjectOverrides = false;
  /// What the functions of the whole program read (the `SummaryFile`
  /// option), for calls to functions defined elsewhere; may be null.
  std::shared_ptr<const ProgramReaders> External;
};

/// A context read that a task reaches without the value being carried over.
struct LostContext {
  const SpawnSite *Spawn;
  ContextKey Key;
  /// What the task runs (a function, or an OpenMP region's CapturedDecl),
  /// the spawn's argument that runs it, and how it got there.
  ResolvedTask Task;
  /// The calls from the entry down to the reader, in order.
  llvm::SmallVector<const CallEdge *, 4> Path;
  /// The functions (or region) making each call of Path, in order.
  llvm::SmallVector<const clang::Decl *, 4> Callers;
  const clang::Decl *Reader;
  const ContextRead *Read;
  /// When the spawn is a call to a function that spawns its parameter: how
  /// that function hands the task on, down to the real boundary.
  const SpawnedParam *Helper = nullptr;

  /// The thread-local variable lost, or null for a profile's context.
  const clang::VarDecl *var() const {
    return Key.dyn_cast<const clang::VarDecl *>();
  }
  /// The profile whose context is lost, or null for a variable.
  const Profile *profile() const { return Key.dyn_cast<const Profile *>(); }

  /// The spawn that really starts the task.
  const SpawnSite &boundary() const {
    return Helper ? Helper->underlyingSpawn() : *Spawn;
  }
};

/// A place where the translation unit hands a task to another thread: a
/// spawn boundary, or a call to a function that spawns one of its
/// parameters (then Helper and Index say which).
struct TaskSite {
  const SpawnSite *Spawn;
  const clang::FunctionDecl *Helper = nullptr;
  unsigned Index = 0;
};

/// The definitions a caller hands TUAnalysis::addFunction, bound to "fn":
/// every function definition outside system headers. The engine follows
/// calls from there into headers.
clang::ast_matchers::DeclarationMatcher definitionsToAnalyze();

class TUAnalysis {
public:
  TUAnalysis(clang::ASTContext &Ctx, const AnalysisOptions &Options);
  ~TUAnalysis();

  /// Adds a function definition to summarise. Functions it calls, the
  /// lambdas it defines and the tasks it spawns are added on demand.
  void addFunction(const clang::FunctionDecl *Fn);

  /// Summarises every function reachable from those added and decides
  /// which keys are context. Runs once, however many checks ask: every
  /// search below starts with it.
  void prepare();

  /// The findings of `context-lost-in-task`: one per spawn site (as
  /// written in the source, so a template instantiated several times counts
  /// once) and context variable, ordered by position in the translation
  /// unit. Computed once.
  const std::vector<LostContext> &lostContexts();

  /// prepare(), then a copy of lostContexts().
  std::vector<LostContext> run() { return lostContexts(); }

  /// After prepare(): whether \p Key is context (a profile's context, or a
  /// thread-local the model or the program summary calls context).
  bool isContext(ContextKey Key) const;
  /// After prepare(): whether \p Read counts as a read (a logging call
  /// does when its pattern prints the context, or by option).
  bool countsAsRead(const ContextRead &Read) const;
  /// After prepare(): the keys read anywhere, in the order first read.
  llvm::ArrayRef<ContextKey> readKeys() const { return ReadKeys.getArrayRef(); }
  /// After prepare(): every task site as written, direct spawns first.
  llvm::ArrayRef<TaskSite> taskSites() const { return Sites; }
  /// After prepare(): the call graph over every summary.
  const CallGraphIndex &callGraph() const { return *Graph; }
  /// After prepare(): the dominance queries on restores, shared so that
  /// each function's CFG is built once.
  RestoreAnalysis &restores() { return *Restores; }
  /// After prepare(): the writers of \p Key, computed once per key.
  const WriterSet &writersOf(ContextKey Key);
  /// The entries a spawn site's callables run, or its OpenMP region, each
  /// with the callable that runs it and how: what the code shows, then
  /// what taskObjectOverrides adds for task objects of unknown dynamic
  /// type. The one resolution of a task: findings carry its result.
  void resolveTasks(const SpawnSite &Spawn,
                    llvm::SmallVectorImpl<ResolvedTask> &Out) const;
  /// The entries alone, as resolveTasks finds them.
  void resolveEntries(const SpawnSite &Spawn,
                      llvm::SmallVectorImpl<const clang::Decl *> &Out) const;
  /// For a task object \p Callable whose dynamic type the site does not
  /// show: when its class is closed (TaskObjects.h, getClosedTaskClass),
  /// the class's own entries and the overrides of them in the classes the
  /// translation unit derives from it, always; otherwise, with the
  /// `TaskObjectOverrides` option, every override of its entry members
  /// that the translation unit defines (Overriders.h). Overrides are marked
  /// ResolvedTask::OverrideOf.
  void taskObjectOverrides(const clang::Expr *Callable,
                           llvm::SmallVectorImpl<ResolvedTask> &Out) const;

  /// The summary of a function (definition) or OpenMP region analysed by
  /// run(), or null. Valid as long as this object.
  const FunctionSummary *summaryOf(const clang::Decl *Fn) const;

  /// Every summary run() analysed, in the order they were built.
  const llvm::MapVector<const clang::Decl *, std::unique_ptr<FunctionSummary>> &
  summaries() const {
    return Summaries;
  }

  /// Which functions hand out thread-locals, as far as the analysis met
  /// them.
  const AccessorIndex &accessors() const { return Accessors; }

  /// What the analysed functions do with their callable parameters, as
  /// run() found it.
  const ParamRoles &paramRoles() const { return Roles; }

  /// What the enabled profiles say about the functions of the translation
  /// unit.
  const ProfileMatcher &profileMatcher() const { return Matcher; }
  clang::ASTContext &astContext() const { return Ctx; }

private:
  /// A call to a function that spawns one of its parameters.
  struct HelperSpawn {
    SpawnSite Site;
    const clang::FunctionDecl *Helper;
    unsigned Index;
  };

  /// What the code shows of the tasks of \p Spawn (resolveTasks without
  /// the guesses).
  static void resolveWrittenTasks(const SpawnSite &Spawn,
                                  llvm::SmallVectorImpl<ResolvedTask> &Out);
  void addBody(const clang::Decl *Body);
  void summarizePending();
  /// Summarises until nothing new is reachable, adding the calls that
  /// functions make through the callable parameters they invoke.
  void summarizeAll();
  void collectHelperSpawns();
  /// Adds a helper spawn for each argument of \p Call that \p Helper
  /// spawns; returns whether it added one.
  bool addHelperSpawns(
      const clang::CallExpr *Call, const clang::FunctionDecl *Helper,
      llvm::DenseSet<std::pair<const clang::Expr *, unsigned>> &Seen);
  /// Follows each virtual call to the only body it may run, and keeps the
  /// bodies of those that may run several (Overriders.h).
  void followVirtualCalls();
  /// The entries of the tasks \p S starts, each with the statement that
  /// starts it: its spawns', and the callables it hands to helpers.
  void taskEntries(
      const FunctionSummary &S,
      llvm::SmallVectorImpl<std::pair<const clang::Decl *, const clang::Stmt *>>
          &Out) const;
  /// Marks the spawns of a callable parameter that their function waits
  /// for on every path (SpawnSite::WaitedOnEveryPath).
  void markWaitingHelpers();
  /// Adds to each spawn through a function whose implementation is here
  /// the keys the framework's own thread entry sets before it calls the
  /// task (TaskTrampolines.h).
  /// A thread object that installs itself on the thread it starts
  /// (`pthread_create(&t, attr, entry, this)`, `entry` storing its
  /// argument in a thread-local or a key, Poco's `Thread::current()`): when
  /// every spawn of the entry passes `this`, the entry's writes of its
  /// argument set up the new thread's own state
  /// (ContextWrite::PerThreadInit), as a scope class that installs itself
  /// does on its thread.
  void markSelfInstallingThreads();
  void carryTrampolineWrites();
  /// The program summary's facts for the functions called here whose body
  /// is elsewhere and that spawn a parameter, each with its stand-in spawn.
  void collectExternalSpawns();
  /// Turns calls to functions defined elsewhere into the reads the program
  /// summary says they reach; the variables read that way are context.
  void addExternalReads(llvm::DenseSet<const clang::VarDecl *> &Context);

  clang::ASTContext &Ctx;
  const AnalysisOptions &Options;
  SpawnRecognizer Spawns;
  std::shared_ptr<const ProfileSet> Profiles;
  ProfileMatcher Matcher;
  AccessorIndex Accessors;
  llvm::MapVector<const clang::Decl *, std::unique_ptr<FunctionSummary>>
      Summaries;
  std::vector<const clang::Decl *> Pending;
  ParamRoles Roles;
  StoredTaskFinder StoredTasks;
  OverriderIndex Overriders;
  llvm::DenseSet<const clang::CallExpr *> VirtualSeen;
  llvm::DenseMap<const clang::CallExpr *,
                 llvm::SmallVector<const clang::FunctionDecl *, 2>>
      VirtualTargets;
  llvm::DenseSet<std::pair<const clang::Expr *, const clang::FunctionDecl *>>
      InvocationEdges;
  std::vector<std::unique_ptr<HelperSpawn>> HelperSpawns;
  /// collectExternalSpawns()'s facts and their stand-in spawns.
  std::vector<SpawnedParam> ExternalSpawns;
  std::vector<std::unique_ptr<SpawnSite>> ExternalSpawnSites;
  llvm::DenseSet<const clang::FunctionDecl *> ExternalSeen;

  // What prepare() decided.
  bool Prepared = false;
  llvm::DenseSet<const clang::VarDecl *> ExternalContext;
  std::unique_ptr<ContextModel> Model;
  llvm::SetVector<ContextKey> ReadKeys;
  llvm::SmallPtrSet<const Profile *, 2> PatternsSet;
  llvm::SmallVector<TaskSite, 0> Sites;
  std::unique_ptr<CallGraphIndex> Graph;
  std::unique_ptr<RestoreAnalysis> Restores;
  llvm::DenseMap<ContextKey, WriterSet> Writers;
  std::optional<std::vector<LostContext>> Lost;
};

/// The classes that are scopes installing themselves over the previous
/// value they saved (`Scope() : prev_(current_) { current_ = this; }`,
/// `~Scope() { current_ = prev_; }`), with the variable: a stack of
/// per-thread state on the installing thread, not a value another thread
/// should see (it would point at an object living on this thread). Their
/// constructors' and destructor's writes do not make the variable context;
/// configuring or annotating it still does.
///
/// The scope may reach the variable through a wrapper (asio's
/// `call_stack::context` over `tss_ptr<context>`: `top_ = this` calls the
/// wrapper's `operator=`, which stores its parameter in a `static
/// thread_local T *value_`; `next_(top_)` reads it through `operator T*`).
/// The wrapper's setters that only such scopes call are then the scope's
/// writes too.
struct SelfScopes {
  llvm::DenseSet<
      std::pair<const clang::CXXRecordDecl *, const clang::VarDecl *>>
      Classes;
  /// Functions writing the variable that only the scopes' constructors and
  /// destructors call (directly or through one another).
  llvm::DenseSet<std::pair<const clang::Decl *, const clang::VarDecl *>>
      Setters;
};

SelfScopes findSelfInstallingScopes(
    const llvm::MapVector<const clang::Decl *, std::unique_ptr<FunctionSummary>>
        &Summaries);
/// Whether \p Fn is a constructor or destructor of a class of \p Scopes,
/// or a setter only they call, and \p Var its variable: the write does not
/// make \p Var context.
bool isSelfScopeWrite(const SelfScopes &Scopes, const clang::Decl *Fn,
                      const clang::VarDecl *Var);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_TUANALYSIS_H
