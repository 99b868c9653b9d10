//===--- LeakSearch.h - Context left set by tasks on reused workers -*- C++
//-*-//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Finds the tasks handed to a reused worker (SpawnSite::ReusedWorker: a
/// pool, an executor, an Asio run loop, TBB, an OpenMP team) that set
/// per-thread context and leave it set on some path out: the worker's next,
/// unrelated task inherits it.
///
/// A function leaves a context set when its CFG has a path from a set point
/// to the exit that passes no restore:
///
/// - a set point is a plain assignment (`tl = v`, `tl.assign(v)`,
///   `tl.reset(p)`), a setter of a key or wrapper (`pthread_setspecific`), a
///   profile's restore that is not kept as a scope object (`MDC::put`,
///   `RequestContext::setContext`), or a call to a function that itself
///   leaves the context set. Accumulating into the value (`++n`, `n += k`,
///   `buf.push_back(x)`), a lazy per-thread initialisation (`if (!tl) tl =
///   ...`) and a scope object (`ctxloss::scoped_value`, a profile's guard,
///   a local object of a class whose constructor writes the context) are
///   not;
/// - a restore is a write of a value saved from the same context before
///   (`auto saved = tl; ...; tl = saved;`, `setContext(prev)`), a reset to
///   the initial value (`tl = nullptr`, `tl = {}`, `tl.clear()`), a
///   profile's unset (`MDC::remove` of the same key, `spdlog::mdc::clear`),
///   or a call to a function that only does one of those.
///
/// Paths out are returns, `co_return`s, `throw`s (to the exit, or to a
/// handler in the task), the end of the body, and the calls that may throw
/// (ThrowAnalysis): the exception goes on to the handlers of the innermost
/// try block around the call in the function (which may restore and
/// rethrow) or out of it at the call. By default a call may throw only when
/// the analysis sees its callee let an exception out (a `throw` no handler
/// of the callee catches, or a call of its own that may throw): most calls
/// are declared without `noexcept` and never throw, and the CFG's exception
/// edges, one per such call, would make nearly every write a leak. With
/// LeakOptions::AnyCallMayThrow, every call not declared `noexcept` may.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_LEAKSEARCH_H
#define CTXLOSS_ANALYSIS_LEAKSEARCH_H

#include "checks/analysis/TUAnalysis.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include <memory>
#include <vector>

namespace ctxloss {

/// A context that a task on a reused worker leaves set.
struct LeakedContext {
  /// The task site as written: a spawn, or a call to a spawning helper.
  const SpawnSite *Spawn;
  /// When the site is a call to a helper: how the helper hands the task on
  /// to the pool.
  const SpawnedParam *Helper = nullptr;
  ContextKey Key;
  /// What the task runs (a function, or an OpenMP region's CapturedDecl),
  /// the spawn's argument that runs it, and how it got there.
  ResolvedTask Task;
  /// The calls from the entry down to the function that sets the context,
  /// and the functions making them, in order.
  llvm::SmallVector<const CallEdge *, 4> Path;
  llvm::SmallVector<const clang::Decl *, 4> Callers;
  const clang::Decl *Writer;
  const ContextWrite *Write;
  /// The way out of the entry that leaves the context set: a return,
  /// co_return or throw statement, a call that may throw, or null for the
  /// end of the body.
  const clang::Stmt *Exit = nullptr;

  const SpawnSite &boundary() const {
    return Helper ? Helper->underlyingSpawn() : *Spawn;
  }
};

/// How the search decides, beyond the engine's shared options.
struct LeakOptions {
  /// Every call whose callee is not declared `noexcept` may throw, not only
  /// those the analysis sees throw (`context-leaked-from-task.
  /// AnyCallMayThrow`).
  bool AnyCallMayThrow = false;
};

/// The findings of `context-leaked-from-task` in \p Analysis (prepared
/// here): one per task site as written and context, ordered by position.
/// A field that every task of the translation unit on the same boundary
/// sets before reading it is left out (OverwrittenLeaks.h).
std::vector<LeakedContext> findLeakedContexts(TUAnalysis &Analysis,
                                              const LeakOptions &Options = {});

/// A way a function leaves a context set, for the program summary: at Set
/// (a write, or a call of Via, which must then leave the context set too),
/// then out through Exit (a return or throw; null for the end of the body).
struct ExportedLeak {
  ContextKey Key;
  const clang::Stmt *Set;
  const clang::Decl *Via;
  const clang::Stmt *Exit;
  /// The functions defined elsewhere called after Set before a restore:
  /// when one of them only takes the context back (a `clear_tenant()`
  /// defined in another file), the link drops the leak.
  llvm::SmallVector<const clang::Decl *, 2> Unless;
  /// The calls after Set, before a restore, of a setter (first; null for
  /// the set point's own write) with a value saved from a getter defined
  /// elsewhere (`prev = GetX(); ...; SetX(prev)`, or the branch of
  /// `if (prev != v)` where the two are equal): when the program says the
  /// setter writes the context and the getter reads it, that is a restore.
  llvm::SmallVector<std::pair<const clang::Decl *, const clang::Decl *>, 1>
      UnlessRestores;
};

/// A call after which its caller takes the context back on every path: a
/// restore follows, or the call itself restores (`set_tenant(saved)`).
struct TakenBack {
  const clang::Stmt *Call;
  ContextKey Key;
};

class LeakSearch;

/// The leaks of the functions of one translation unit, for the program
/// summary, over the contexts the translation unit can name: its
/// thread-locals that are context and the enabled profiles. A call of a
/// function defined elsewhere is a leak on condition that the callee leaves
/// the context set; the program's link decides.
class LeakFacts {
public:
  explicit LeakFacts(const TUAnalysis &Analysis);
  ~LeakFacts();
  /// \p S's leaves, and the calls (of a function that may set the context)
  /// that \p S takes back on every path.
  void collect(const FunctionSummary &S,
               llvm::SmallVectorImpl<ExportedLeak> &Out,
               llvm::SmallVectorImpl<TakenBack> &Back);
  /// The contexts \p S only takes back: resets and unsets, no set.
  void undone(const FunctionSummary &S, llvm::SmallVectorImpl<ContextKey> &Out);

private:
  std::unique_ptr<LeakSearch> Search;
  llvm::SetVector<ContextKey> Keys;
};

/// Whether a function keeps a context set after a call it makes: no
/// restore of it follows on some path out (the leak search's paths). What
/// a task's call writes is the task's write only then.
class CallLeaves {
public:
  explicit CallLeaves(const TUAnalysis &Analysis);
  ~CallLeaves();
  bool keepsSet(const FunctionSummary &S, ContextKey Key,
                const clang::Stmt *Site);

private:
  std::unique_ptr<LeakSearch> Search;
  /// By call and context: tasks share their callees.
  llvm::DenseMap<std::pair<const clang::Stmt *, const void *>, bool> Memo;
};

/// Whether \p W sets its context (see the file comment), given \p Matcher
/// for the profiles' guard calls.
bool isSetPoint(const ContextWrite &W, const ProfileMatcher &Matcher);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_LEAKSEARCH_H
