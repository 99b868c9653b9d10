//===--- SuspendFix.h - Copy-and-run fix for a coroutine --------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The copy-and-run fix of `context-lost-after-suspend`, coroutine form: the
/// context is kept in a frame local taken before the coroutine's first
/// suspension that may change thread, and made current again right after
/// each suspension a finding starts from, for the rest of that statement's
/// block:
///
///   auto ctx_request_id = request_id;
///   co_await pool.schedule();
///   ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
///
/// with the project's scope class or a profile's guard when the engine
/// knows one (RestoreRecipe). Not offered when a read comes back in a loop
/// (the guard would end with the iteration), when a suspension is not a
/// statement of a block that also holds the read, or in macros. The
/// `FixStrategy` option picks it (`copy-and-run`) or the frame-local fix
/// below (`explicit-parameter`) for the warning; the other is on a note.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_SUSPENDFIX_H
#define CTXLOSS_FIXES_SUSPENDFIX_H

#include "checks/analysis/SuspendSearch.h"
#include "checks/fixes/FixOption.h"

namespace ctxloss::fixes {

/// The fix for every finding of \p Findings, which share their coroutine
/// and context.
FixOption buildSuspendFix(llvm::ArrayRef<const SuspendFinding *> Findings,
                          const TUAnalysis &Analysis, clang::ASTContext &Ctx);

/// The explicit-parameter fix, coroutine form: the coroutine body reads
/// the frame local, taken where copy-and-run takes it, instead of the
/// thread-local:
///
///   auto ctx_request_id = request_id;
///   co_await pool.schedule();
///   log_line(ctx_request_id);
///
/// Offered for a thread-local variable the coroutine does not write, when
/// every finding is a read in the body itself and no call after the frame
/// local is taken leads to a read (\p LeadsToRead says which calls do):
/// those need copy-and-run. Not for a read a loop comes back to, nor in
/// macros.
FixOption buildSuspendFrameLocalFix(
    llvm::ArrayRef<const SuspendFinding *> Findings, const TUAnalysis &Analysis,
    clang::ASTContext &Ctx,
    llvm::function_ref<bool(const CallEdge &)> LeadsToRead);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_SUSPENDFIX_H
