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
/// Known boundaries: `std::thread`, `std::jthread`, `boost::thread`,
/// `std::async` (unless the policy is exactly `std::launch::deferred`),
/// `pthread_create`; Boost.Asio and standalone Asio `post`, `defer`,
/// `co_spawn`, and `dispatch` to a `thread_pool`; TBB `parallel_for`,
/// `parallel_for_each`, `parallel_invoke`, `parallel_reduce`,
/// `parallel_deterministic_reduce`, `parallel_scan`, `task_group::run`,
/// `task_group::run_and_wait`, `task_arena::enqueue`; `BS::thread_pool`
/// task and loop submission; the `SpawnFunctions` option; and, as an
/// optional heuristic, a method of a pool-like class (`ThreadPool::Submit`,
/// `TaskQueue::enqueue`, ...).
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
};

/// Parses the `SpawnFunctions` option: `;`-separated `qualified::name:index`
/// entries, the `:index` part optional (default 0).
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

struct SpawnMatch {
  /// The arguments that may run on the new task. Arguments that turn out
  /// not to be callables (a range, an executor) resolve to nothing.
  llvm::SmallVector<const clang::Expr *, 1> Callables;
  std::string Boundary;
};

class SpawnRecognizer {
public:
  SpawnRecognizer(std::vector<SpawnFunction> Extra, PoolHeuristic Pools)
      : Extra(std::move(Extra)), Pools(std::move(Pools)) {}

  std::optional<SpawnMatch> match(const clang::CallExpr *Call) const;
  std::optional<SpawnMatch> match(const clang::CXXConstructExpr *Ctor) const;

private:
  std::optional<SpawnMatch> matchMember(const clang::CallExpr *Call,
                                        const clang::CXXMethodDecl *M) const;

  std::vector<SpawnFunction> Extra;
  PoolHeuristic Pools;
};

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_SPAWNRECOGNIZER_H
