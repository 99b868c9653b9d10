//===--- ExplicitParameterFix.h - Thread the value through calls -*- C++ -*-=//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The explicit-parameter fix: the value is taken on the spawning thread
/// and handed down the call chain as an ordinary argument, so nothing on
/// the task's thread reads the thread-local any more.
///
/// The value travels under one name, `ctx_<variable>` (`ctx_request_id`),
/// made unique where it would clash with a name already written in a
/// function: a distinct name rather than one that shadows the thread-local,
/// so that `-Wshadow` stays quiet and a read left out by mistake would still
/// be visible as a read of the thread-local.
///
/// - The task, when it is a lambda, gets an init-capture
///   (`[ctx_request_id = request_id]`) and its reads read the capture.
/// - When the task is a function handed to `std::thread`, `std::jthread`,
///   `std::async` or `boost::thread`, the spawn passes the value as one more
///   argument (`std::thread t(audit, 1, request_id)`).
/// - Every function on the chain gains a trailing parameter
///   (`const std::string &ctx_request_id`) on every redeclaration, and its
///   reads read the parameter. Every call of it from a function that has
///   the value passes it.
/// - A chain function that is also called from elsewhere (or is declared
///   in a header, so other translation units may call it) gets a default
///   argument equal to the original read, `= request_id`, on its first
///   declaration only: those callers compile and behave as before.
///
/// Not offered (and, when asked for, a note says why) when a function on
/// the chain is virtual, a template, an operator, variadic, declared in a
/// system header or by a macro, has its address taken, writes the variable
/// or reads it in a macro or a nested lambda, or when the chain is longer
/// than 16 calls.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_EXPLICITPARAMETERFIX_H
#define CTXLOSS_FIXES_EXPLICITPARAMETERFIX_H

#include "checks/analysis/TUAnalysis.h"
#include "checks/fixes/CallSiteIndex.h"
#include "checks/fixes/FixOption.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace ctxloss::fixes {

/// The explicit-parameter fix for the findings of one spawn site, as one
/// fix. \p Analysis, which found them, says which functions write context;
/// \p Index is called (and the index built) only when needed.
FixOption
buildExplicitParameterFix(llvm::ArrayRef<const LostContext *> Findings,
                          clang::ASTContext &Ctx, const TUAnalysis &Analysis,
                          llvm::function_ref<const CallSiteIndex &()> Index);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_EXPLICITPARAMETERFIX_H
