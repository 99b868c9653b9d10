//===--- FunctionSummary.h - What one function does with context -*- C++ -*-=//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The per-function facts the engine works from: the thread-local variables a
/// function body reads and writes, the functions it calls, and the tasks it
/// starts. A lambda body is a function of its own: the enclosing function
/// evaluates the lambda's captures, the lambda's call operator runs the body.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_FUNCTIONSUMMARY_H
#define CTXLOSS_ANALYSIS_FUNCTIONSUMMARY_H

#include "checks/analysis/ContextStorage.h"
#include "checks/analysis/Profile.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/PointerUnion.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace ctxloss {

/// What a read or a write is about: a thread-local variable (its canonical
/// declaration), or the context of a profile (OpenTelemetry's, a logging
/// MDC, ...).
using ContextKey = llvm::PointerUnion<const clang::VarDecl *, const Profile *>;

struct ProgramRead;

/// A read of a thread-local variable's current value, or a call that reads a
/// profile's context.
struct ContextRead {
  ContextKey Key;
  /// The reference to the variable, or the call.
  const clang::Expr *Ref;
  /// When the read is in the default argument of a call this function
  /// makes (`log(const std::string &id = request_id)` called as `log()`):
  /// that default argument, evaluated here, at the call.
  const clang::CXXDefaultArgExpr *DefaultArg = nullptr;

  /// A call that reads the context only when the logging pattern prints it.
  bool Logging = false;
  /// A call to a function defined in another translation unit that the
  /// program summary (`SummaryFile`) says reaches this read.
  const ProgramRead *External = nullptr;
  /// When Ref is a call of an accessor that hands out the variable.
  const clang::FunctionDecl *Accessor = nullptr;
  /// The value read is only kept aside (`prev_(tl)`, `auto saved = tl;`):
  /// in a function that also writes the context, saving the previous value
  /// is not a use.
  bool Saved = false;

  /// The statement whose evaluation performs the read in this function.
  const clang::Stmt *evaluatedAt() const {
    return DefaultArg ? static_cast<const clang::Stmt *>(DefaultArg) : Ref;
  }
};

/// An assignment to (or other modification of) a thread-local variable,
/// including a binding to a non-const reference such as the one a
/// `ctxloss::scoped_value` constructor takes; or a call or guard that
/// restores a profile's context.
struct ContextWrite {
  ContextKey Key;
  const clang::Stmt *At; ///< The expression that performs the write.
  /// For a guard kept in a local variable: the compound statement the guard
  /// lives in. The write holds only inside it.
  const clang::Stmt *Scope = nullptr;
  /// The call ends an earlier restore instead (`PyContext_Exit`).
  bool Ends = false;
  /// The write only sets up the thread's own state: it runs under a test
  /// that a thread-local still has its initial value (`if (!tl) tl = ...`,
  /// a lazy per-thread initialisation), or it resets the variable to a
  /// null, zero or false constant, or it installs on a thread the object
  /// that started it (TUAnalysis::markSelfInstallingThreads). Such writes
  /// do not make a thread-local context (a new thread is expected to start
  /// from the initial value, or from what it installs itself).
  bool PerThreadInit = false;
  /// An assignment of `this`: the object installs itself
  /// (`current_ = this`). In a constructor that also saves the previous
  /// value, the class is a scope that stacks per-thread state on the
  /// installing thread (a time cache, an execution context): what it
  /// installs lives on that thread, so another thread could not use it.
  bool InstallsThis = false;
  /// A write of one of the function's own parameters (`value_ = value`, a
  /// wrapper's setter, `holder.set(static_cast<T *>(arg))`): a call passing
  /// `this` there installs the object as a direct `= this` would.
  const clang::ParmVarDecl *FromParam = nullptr;
};

/// A call from one function body to a function whose body the engine can see.
struct CallEdge {
  const clang::FunctionDecl *Callee; ///< The definition.
  const clang::Expr *Site;           ///< The call, or the lambda passed.
  /// Non-null when a callable is handed to a function that invokes it
  /// synchronously: a standard algorithm (`std::for_each`, `std::call_once`)
  /// or a function found to call that parameter.
  const clang::FunctionDecl *Through = nullptr;
  /// For the construction of a local object: the compound statement the
  /// object lives in. What its constructor writes holds only there; a
  /// temporary (null here) restores nothing past its statement.
  const clang::Stmt *Scope = nullptr;
  /// The call's result is only kept aside (`prev_(Get())`).
  bool Saved = false;
  /// The call's result (a reference or pointer) is written through: for a
  /// function defined elsewhere, which may be an accessor.
  bool WritesResult = false;
  /// For a virtual call followed to the only body it may run (Overriders.h):
  /// the member called.
  const clang::CXXMethodDecl *Dispatched = nullptr;
  /// A virtual call of Callee, a member no body in the translation unit may
  /// run (in ExternalCalls): the program summary names the callee
  /// `virtual:<member id>`, which the link resolves to the only body the
  /// program has for it, the member's own or an override's.
  bool Virtual = false;
};

/// A call of one of the function's own callable parameters (`fn()`,
/// `std::invoke(fn)`, `std::forward<F>(fn)()`), or, in a lambda, of a
/// parameter of the enclosing function that the lambda captured.
struct ParamInvocation {
  const clang::ParmVarDecl *Param;
  const clang::Expr *Site;
};

/// A call of a task object's entry member (TaskObjects.h) that the engine
/// cannot resolve: a virtual call through a base (`pRunnableTarget->run()`
/// in Poco's thread entry). It is no call edge (the overriders are not
/// guessed), but a framework's own thread entry runs its task this way
/// (TaskTrampolines.h).
struct VirtualTaskCall {
  const clang::CXXMethodDecl *Method; ///< The member called, canonical.
  const clang::CallExpr *Site;
};

/// A callable handed to a spawn boundary, or an OpenMP region.
struct SpawnSite {
  /// The spawning call or construction, or the OpenMP directive.
  const clang::Stmt *Call;
  /// The arguments that may run on the new task.
  llvm::SmallVector<const clang::Expr *, 1> Callables;
  std::string Boundary; ///< How the boundary is named in messages.
  /// A `wait_for`/`wait_until` on the future the spawn returned, when the
  /// spawning function waits with a timeout.
  const clang::Expr *TimeoutWait = nullptr;
  /// The body of an OpenMP region that runs on the team's threads.
  const clang::CapturedDecl *Region = nullptr;
  /// Contexts the spawn itself carries over (`copyin` of a `threadprivate`,
  /// a profile's propagating executor).
  llvm::SmallVector<ContextKey, 0> Carried;
  /// The spawn carries every context over: its boundary or the callable's
  /// wrapper propagates context (`CTXLOSS_PROPAGATES_CONTEXT`,
  /// `CaptureWrappers`, `ctxloss::bind_context`).
  bool CarriesAll = false;
  /// The task runs on a worker that runs other tasks before and after it (a
  /// pool, an executor, an Asio run loop, TBB, an OpenMP team), not on a
  /// thread of its own whose per-thread state dies with it: what the task
  /// leaves set there, the worker's next task inherits.
  bool ReusedWorker = false;

  /// The spawning function waits for the task before it returns, on every
  /// path that starts the task and returns normally (not by a throw or a
  /// call that does not return): one of its joins is reached on every such
  /// path of the CFG. Computed by TUAnalysis::prepare for the spawns of a
  /// callable parameter that have joins: such a function is a helper that
  /// waits (`run_in_threadpool`).
  bool WaitedOnEveryPath = false;

  /// For a task stored into a member of the spawning function's object and
  /// run by a worker (StoredTasks.h): the member, the function that calls
  /// what it holds, and the spawn that starts that function's thread.
  const clang::FieldDecl *StoredIn = nullptr;
  const clang::Decl *Worker = nullptr;
  const clang::Stmt *WorkerStart = nullptr;

  bool carries(ContextKey Key) const {
    return CarriesAll || llvm::is_contained(Carried, Key);
  }
};

/// A place where a function waits for a task it started: `t.join()`,
/// `fut.get()`/`wait()`/`wait_for()` on the future a spawn returned,
/// `pool.wait()` or `pool.join()` on the pool it was submitted to, a latch
/// or barrier the task arrives at, the destructor of a handle that waits
/// (`std::jthread`, the future of `std::async`), or the spawn itself when
/// the boundary returns only once its tasks have ended (TBB's parallel
/// algorithms, `task_group::run_and_wait`). Found by `JoinRecognizer`.
struct JoinSite {
  /// The waiting call, or the spawn for a boundary that waits itself.
  const clang::Stmt *At;
  /// The spawn waited for: an index into the function's Spawns.
  unsigned Spawn;
  /// How messages name the wait: the method (`join`, `get`) or the
  /// boundary.
  std::string How;
  /// For a wait in a loop over every handle: a range-for over them
  /// (`for (auto &T : Threads) T.join();`) or a loop over their indices
  /// (`for (size_t I = 0; I < Threads.size(); ++I) Threads[I].join();`).
  /// Every task has ended after the loop.
  const clang::Stmt *Loop = nullptr;
  /// With Loop: a part of it evaluated on every way into the loop and out
  /// of it (a range-for's range, an index loop's condition).
  const clang::Stmt *loopEntry() const;
  /// For a handle whose destructor waits (`std::jthread`, the future of
  /// `std::async`, a container of them): the compound statement it lives
  /// in. At is then the handle's initialisation (the spawn, or the
  /// container's construction), and the task has ended once Scope has.
  /// A discarded `std::async` future waits at the end of its full
  /// expression: At is the spawn and Scope is null.
  const clang::CompoundStmt *Scope = nullptr;
};

/// The summary of a function body, or of an OpenMP region's body (a
/// `CapturedDecl`), which runs like a function on each thread of the team.
struct FunctionSummary {
  const clang::Decl *Fn = nullptr;
  llvm::SmallVector<ContextRead, 2> Reads;
  llvm::SmallVector<ContextWrite, 1> Writes;
  llvm::SmallVector<CallEdge, 4> Calls;
  llvm::SmallVector<SpawnSite, 0> Spawns;
  llvm::SmallVector<ParamInvocation, 0> Invocations;
  /// Call operators of the lambdas written in this body.
  llvm::SmallVector<const clang::FunctionDecl *, 0> Lambdas;
  /// Profiles whose logging pattern this body sets to print the context.
  llvm::SmallVector<const Profile *, 0> PatternsSet;
  /// Calls to functions whose body is not in this translation unit; Callee
  /// is then a declaration. The per-TU engine ignores them; the
  /// whole-program summary links them to bodies in other translation units.
  llvm::SmallVector<CallEdge, 0> ExternalCalls;
  /// When every return statement hands out (part of) what a function
  /// defined elsewhere returns by reference or pointer: that function.
  /// The program summary decides whether this is an accessor.
  const clang::FunctionDecl *AliasVia = nullptr;
  /// In a coroutine: its explicit suspension points (`co_await`,
  /// `co_yield`), in the order written.
  llvm::SmallVector<const clang::CoroutineSuspendExpr *, 0> Suspends;
  /// Where this body waits for the tasks it spawned.
  llvm::SmallVector<JoinSite, 0> Joins;
  /// Unresolved virtual calls of task entry members.
  llvm::SmallVector<VirtualTaskCall, 0> TaskCalls;
  /// Every unresolved virtual call (TaskCalls are some of them): the
  /// analysis follows those whose override it knows (Overriders.h).
  llvm::SmallVector<VirtualTaskCall, 0> VirtualCalls;

  bool writes(ContextKey Key) const {
    return llvm::any_of(Writes,
                        [Key](const ContextWrite &W) { return W.Key == Key; });
  }
  /// Whether a write of \p Key outlives the call: not a guard's.
  bool leavesWritten(ContextKey Key) const {
    return llvm::any_of(Writes, [Key](const ContextWrite &W) {
      return W.Key == Key && !W.Scope && !W.Ends;
    });
  }
};

/// The parameter that \p E designates, looking through the copies, moves,
/// forwards and conversions that wrap a callable; null otherwise.
const clang::ParmVarDecl *getCallableParam(const clang::Expr *E);

/// Argument \p Arg of \p Call as a parameter index of \p Callee, or none
/// for the object argument of a member operator call.
std::optional<unsigned> paramIndexOfArg(const clang::CallExpr *Call,
                                        const clang::FunctionDecl *Callee,
                                        unsigned Arg);

/// Where a call names its callee: the function's name rather than its
/// qualifier, the member name of a member call, the operator of an operator
/// call, the type of a construction.
clang::SourceLocation getCallNameLoc(const clang::Expr *Call);

/// Whether \p S is written inside \p Scope (for a default argument, where
/// the call using it is written): a guard's restore ends with its scope.
bool isWrittenWithin(const clang::SourceManager &SM, const clang::Stmt *Scope,
                     const clang::Stmt *S);

/// The source location a read is reported at: the variable's name, or the
/// called function's.
clang::SourceLocation getReadLoc(const ContextRead &Read);

/// A context's name, for ordering: the variable's, or the profile's.
std::string contextName(ContextKey Key);

/// How messages name a context: "thread-local 'ns::id'", "thread-specific
/// data of key 'ns::key'", or the profile's description.
std::string describeContext(ContextKey Key);

/// The name of \p D as the engine's messages spell it: the qualified name,
/// "the lambda" for a lambda's call operator, "the OpenMP region" for a
/// region's body.
std::string describeFunction(const clang::Decl *D);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_FUNCTIONSUMMARY_H
