//===--- RestoreRecipe.h - How a profile carries a value over ---*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// What the copy-and-run fix writes for one lost context source: the
/// snapshot taken on the spawning thread (an init-capture of the task), the
/// statement that restores it at the top of the task, and the header that
/// statement needs. Each context family (a profile) has its own recipe; the
/// fix builders only paste the pieces, so a profile can bring its own API
/// (`RuntimeContext::GetCurrent()` / `RuntimeContext::Attach(ctx)`,
/// `folly::RequestContext::saveContext()` / `RequestContextScopeGuard`, ...).
///
/// The `thread-local` profile:
///
///   snapshot  ctx_request_id = request_id
///   restore   ctxloss::scoped_value restore_request_id(request_id,
///                                                      ctx_request_id);
///   header    <ctxloss/context.h>
///
/// Other profiles paste their `Snapshot` and `Restore` (with `$ctx` and
/// `$guard` replaced by fresh names); a profile without them has no recipe.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_RESTORERECIPE_H
#define CTXLOSS_FIXES_RESTORERECIPE_H

#include "checks/analysis/FunctionSummary.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>

namespace ctxloss::fixes {

struct RestoreRecipe {
  /// The name the task keeps the snapshot under (an init-capture).
  std::string SnapshotName;
  /// Evaluated on the spawning thread: the value to carry over.
  std::string SnapshotExpr;
  /// The task's first statement: makes the snapshot current until the task
  /// returns or throws.
  std::string RestoreStmt;
  /// The header RestoreStmt needs, with its `<>` or `""`.
  std::string Header;
};

/// The recipe for \p Key, or nothing when no profile knows how to carry it.
/// Names it introduces avoid \p Taken (the names already visible in the
/// task) and are added to it. \p VarSpelling names a variable inside the
/// task, \p SnapshotSpelling on the spawning thread; a variable is restored
/// by constructing \p ScopeClass from the snapshot when it is given.
std::optional<RestoreRecipe> recipeFor(ContextKey Key,
                                       llvm::StringRef VarSpelling,
                                       llvm::StringRef SnapshotSpelling,
                                       llvm::StringSet<> &Taken,
                                       llvm::StringRef ScopeClass = "");

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_RESTORERECIPE_H
