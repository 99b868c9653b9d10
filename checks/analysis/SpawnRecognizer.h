//===--- SpawnRecognizer.h - Calls that start a task ------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Recognises spawn boundaries: calls and constructions that run one of their
/// arguments on another thread, where thread-local context starts out fresh.
///
/// Known boundaries: `std::thread`, `std::jthread`, `boost::thread`, also
/// constructed in place (`workers.emplace_back(f)`, `slot.emplace(f)`,
/// `std::make_unique<std::thread>(f)`, `std::make_shared`),
/// `std::async` (unless the policy is exactly `std::launch::deferred`),
/// `pthread_create`; Boost.Asio and standalone Asio `post`, `defer`,
/// `co_spawn`, and `dispatch` to a `thread_pool`; TBB `parallel_for`,
/// `parallel_for_each`, `parallel_invoke`, `parallel_reduce`,
/// `parallel_deterministic_reduce`, `parallel_scan`, `task_group::run`,
/// `task_group::run_and_wait`, `task_arena::enqueue`; `BS::thread_pool`
/// task and loop submission; the spawning APIs of OpenCV, Poco, gRPC, folly
/// and RocksDB (FrameworkSpawns.h); the `SpawnFunctions` option, constructors
/// included (`grpc_core::Thread::Thread:1`); and, as an optional heuristic, a
/// method of a pool-like class (`ThreadPool::Submit`, `TaskQueue::enqueue`,
/// ...) called with an argument that may be a callable.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_SPAWNRECOGNIZER_H
#define CTXLOSS_ANALYSIS_SPAWNRECOGNIZER_H

#include "checks/analysis/ContextModel.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace ctxloss {

/// A user-configured spawn function: its qualified name and the index of the
/// argument that is the callable.
struct SpawnFunction {
  std::string Name;
  unsigned CallableIndex = 0;
  /// The framework runs the tasks on a pool's threads, one after another
  /// (SpawnSite::ReusedWorker), whatever its class is called.
  bool ReusedWorker = false;
};

/// Parses the `SpawnFunctions` option: `;`-separated `qualified::name:index`
/// entries, the `:index` part optional (default 0). A class's constructors
/// are named `qualified::Class::Class`.
llvm::Expected<std::vector<SpawnFunction>>
parseSpawnFunctions(llvm::StringRef Option);

/// Serialises spawn functions back to the option syntax.
std::string formatSpawnFunctions(const std::vector<SpawnFunction> &Functions);

/// The pool heuristic: a method whose name matches \c Methods of a class
/// (outside namespace `std`) whose name matches \c Classes. Both lists are
/// matched case-insensitively against unqualified names; an empty list
/// turns the heuristic off.
struct PoolHeuristic {
  NameRegexList Classes;
  NameRegexList Methods;
};

inline constexpr llvm::StringLiteral DefaultPoolLikeClasses =
    ".*(pool|executor|scheduler|queue|worker).*";
inline constexpr llvm::StringLiteral DefaultPoolLikeMethods =
    "submit;enqueue;post;schedule;scheduleOrThrow.*;add;execute;run;push;"
    "detach_task";

/// Whether a parameter of type \p T may receive a callable: a template
/// parameter, a function or member function pointer, a class with a call
/// operator (a lambda, `std::function`, a function object), a task object
/// (TaskObjects.h), a struct holding a function pointer (CTasks.h), or a
/// class that is not defined.
/// Integers, enumerations, `void *` and pointers or references to other
/// classes (the nodes of a data queue) cannot.
bool mayBeCallable(clang::QualType T);

/// An object constructed in place from a call's arguments: the element a
/// container or an optional emplaces (`workers.emplace_back(f, arg)`,
/// `slot.emplace(f)`, `map.try_emplace(key, f)`), or the object
/// `std::make_unique<T>(f, arg)`, `std::make_shared` or
/// `std::allocate_shared` allocates.
struct InPlaceConstruction {
  const clang::CXXRecordDecl *Class;
  /// The index of the call's first argument that the constructor receives.
  unsigned First;
};

std::optional<InPlaceConstruction>
getInPlaceConstruction(const clang::CallExpr *Call);

struct SpawnMatch {
  /// The arguments that may run on the new task. Arguments that turn out
  /// not to be callables (a range, an executor) resolve to nothing.
  llvm::SmallVector<const clang::Expr *, 1> Callables;
  std::string Boundary;
  /// The callables run on a reused worker (see SpawnSite::ReusedWorker).
  bool ReusedWorker = false;
};

class SpawnRecognizer {
public:
  /// \p Extra: the `SpawnFunctions` option; the frameworks' spawning
  /// functions (FrameworkSpawns.h) are added to them.
  SpawnRecognizer(std::vector<SpawnFunction> Extra, PoolHeuristic Pools);

  std::optional<SpawnMatch> match(const clang::CallExpr *Call) const;
  std::optional<SpawnMatch> match(const clang::CXXConstructExpr *Ctor) const;

private:
  /// How a thread class's constructor takes its callable.
  struct ThreadClass {
    unsigned CallableIndex;
    std::string Boundary;
  };
  /// A class whose construction starts a thread: `std::thread`,
  /// `std::jthread`, `boost::thread`, or one whose constructor is named in
  /// `SpawnFunctions`.
  std::optional<ThreadClass>
  threadClass(const clang::CXXRecordDecl *Class) const;

  std::optional<SpawnMatch> matchInPlace(const clang::CallExpr *Call) const;
  std::optional<SpawnMatch> matchMember(const clang::CallExpr *Call,
                                        const clang::CXXMethodDecl *M) const;

  std::vector<SpawnFunction> Extra;
  PoolHeuristic Pools;
};

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_SPAWNRECOGNIZER_H
