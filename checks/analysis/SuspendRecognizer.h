//===--- SuspendRecognizer.h - Suspensions that change thread ---*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Recognises the suspension points of a C++20 coroutine (`co_await`,
/// `co_yield`) that may resume it on another thread, where thread-local
/// context belongs to whichever thread resumed it.
///
/// A suspension may change thread when:
/// - its awaiter's `await_suspend(handle)` passes the handle, or a callable
///   that names it, to a spawn boundary the engine knows (`std::thread`, a
///   pool, asio `post`, ...), directly or through up to three helper
///   functions that receive it as a parameter; `operator co_await` and
///   `await_transform` are followed, since the awaiter is what clang calls;
/// - it awaits a schedule-on idiom whose body is not visible: a `schedule`
///   member of a pool-like class (`co_await pool.schedule()`), or a
///   `resume_on`/`schedule_on`/`switch_to` function given a pool-like
///   argument (`co_await resume_on(pool)`);
/// - it awaits a Boost.Asio (or standalone Asio) `awaitable` in a coroutine
///   that runs on a `thread_pool`: asio resumes an awaiting coroutine on
///   the coroutine's own executor (the completion of `post(pool,
///   use_awaitable)` is dispatched back to it), so a coroutine started by
///   `co_spawn` on a thread pool, or whose `awaitable` names the pool's
///   executor, may resume on any of the pool's threads. A coroutine on an
///   `io_context` resumes on a thread running that context: one thread in
///   the common server shape, so those awaits are not reported (a program
///   that runs one `io_context` from several threads names the awaitable in
///   the `Awaitables` option);
/// - the awaited expression's type, the awaiter's class or the awaited
///   call's callee matches the `Awaitables` option.
/// It does not when one of those names matches `SameThreadAwaitables`, for
/// `std::suspend_always` and `std::suspend_never`, and for an awaiter whose
/// visible `await_suspend` hands the handle to no thread (it resumes inline
/// or on the same thread).
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_SUSPENDRECOGNIZER_H
#define CTXLOSS_ANALYSIS_SUSPENDRECOGNIZER_H

#include "checks/analysis/ContextModel.h"
#include "checks/analysis/FunctionSummary.h"
#include "checks/analysis/SpawnRecognizer.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>
#include <string>

namespace ctxloss {

/// Appends to \p S the explicit suspension points of \p Fn's body when it
/// is a coroutine (in the order written; the implicit initial and final
/// suspends are not among them), and, as calls, the `await_resume` each
/// one makes after the resumption: what an awaiter restores or reads there
/// happens on the resuming thread.
void collectSuspends(const clang::Decl *Fn, FunctionSummary &S);

/// The awaiter's `await_suspend` call of a suspension, or null.
const clang::CXXMemberCallExpr *
getAwaitSuspendCall(const clang::CoroutineSuspendExpr *E);
/// The awaiter's `await_resume` call of a suspension, or null.
const clang::CXXMemberCallExpr *
getAwaitResumeCall(const clang::CoroutineSuspendExpr *E);

/// Why a suspension may resume the coroutine on another thread.
struct ThreadChange {
  enum KindType : std::uint8_t {
    /// `await_suspend` hands the handle to a spawn boundary (HandOff).
    HandsOff,
    /// A schedule-on idiom (Callee).
    ScheduleOn,
    /// An asio awaitable in a coroutine that runs on a thread pool,
    /// started at HandOff (a `co_spawn`), awaited at HandOff (a
    /// `co_await`) by a coroutine on the pool, or named by the coroutine's
    /// `awaitable` type (HandOff null).
    AsioPool,
    /// The `Awaitables` option matches Name.
    Option,
  } Kind = HandsOff;
  /// The awaiter's class.
  const clang::CXXRecordDecl *Awaiter = nullptr;
  /// The `await_suspend` analysed (HandsOff).
  const clang::FunctionDecl *AwaitSuspend = nullptr;
  /// The calls passing the handle from `await_suspend` down to the
  /// function that spawns it, in order (HandsOff).
  llvm::SmallVector<const clang::Expr *, 2> Chain;
  /// The functions making each call of Chain.
  llvm::SmallVector<const clang::FunctionDecl *, 2> ChainCallers;
  /// The spawn that takes the handle, or the `co_spawn` onto a pool.
  const clang::Stmt *HandOff = nullptr;
  /// How the spawn boundary, idiom callee or matched name is shown.
  std::string Name;
  /// For a hand-off only the whole program can tell (handOffsElsewhere):
  /// the function defined elsewhere that receives the handle, as the last
  /// call of Chain, and which of its parameters.
  const clang::FunctionDecl *ElsewhereCallee = nullptr;
  unsigned ElsewhereParam = 0;
};

struct SuspendOptions {
  /// Awaited types, awaiter classes or callees that may change thread.
  NameRegexList Awaitables;
  /// Those that never do.
  NameRegexList SameThreadAwaitables;
};

inline constexpr llvm::StringLiteral DefaultSameThreadAwaitables =
    "std::suspend_always;std::suspend_never;std::__n4861::suspend_always;"
    "std::__n4861::suspend_never";

class SuspendRecognizer {
public:
  SuspendRecognizer(const SpawnRecognizer &Spawns, PoolHeuristic Pools,
                    const SuspendOptions &Options)
      : Spawns(Spawns), Pools(std::move(Pools)), Options(Options) {}

  /// Marks \p Coroutine as running on a thread pool; \p Start is the
  /// `co_spawn` that put it there (null when its type says so), or the
  /// `co_await` of a coroutine on the pool that awaits it.
  void notePoolCoroutine(const clang::FunctionDecl *Coroutine,
                         const clang::Stmt *Start);
  /// Whether \p Coroutine runs on a thread pool, as far as noted.
  bool isPoolCoroutine(const clang::FunctionDecl *Coroutine) const;

  /// Why \p E, in \p Coroutine, may resume it on another thread; none when
  /// it resumes on the same thread or the engine cannot tell.
  std::optional<ThreadChange>
  mayChangeThread(const clang::CoroutineSuspendExpr *E,
                  const clang::FunctionDecl *Coroutine) const;

  /// For a suspension mayChangeThread() does not recognise: the calls of
  /// its awaiter's visible `await_suspend` (or of the helpers it passes the
  /// handle to) that pass the handle, or a callable naming it, to a function
  /// whose body is not in the translation unit. The suspension changes
  /// thread if the program says that function spawns the parameter.
  void handOffsElsewhere(const clang::CoroutineSuspendExpr *E,
                         llvm::SmallVectorImpl<ThreadChange> &Out) const;

  /// The names options match for \p E: the awaited type's class, the
  /// awaiter's class, the awaited call's callee.
  static void awaitedNames(const clang::CoroutineSuspendExpr *E,
                           llvm::SmallVectorImpl<std::string> &Out);

private:
  bool findHandOff(const clang::FunctionDecl *Fn, const clang::VarDecl *Handle,
                   unsigned Depth, ThreadChange &Out) const;
  void findElsewhere(const clang::FunctionDecl *Fn,
                     const clang::VarDecl *Handle, unsigned Depth,
                     const ThreadChange &Prefix,
                     llvm::SmallVectorImpl<ThreadChange> &Out) const;
  std::optional<ThreadChange>
  scheduleIdiom(const clang::CoroutineSuspendExpr *E) const;
  bool isPoolLike(clang::QualType T) const;

  const SpawnRecognizer &Spawns;
  PoolHeuristic Pools;
  const SuspendOptions &Options;
  llvm::DenseMap<const clang::FunctionDecl *, const clang::Stmt *>
      PoolCoroutines;
};

/// Whether \p T is (a reference to) Boost.Asio's or standalone Asio's
/// `awaitable`.
bool isAsioAwaitable(clang::QualType T);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_SUSPENDRECOGNIZER_H
