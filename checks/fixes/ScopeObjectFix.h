//===--- ScopeObjectFix.h - Turn a leaked write into a scope object -*- C++
//-*-//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The fix of `context-leaked-from-task`: the statement of the task that
/// sets the context and leaves it set becomes a scope object that holds the
/// value for the rest of the task's body and puts the worker's own back on
/// every way out, exceptions included:
///
/// - a thread-local (`tl = v;`, `current() = v;`) becomes the project's own
///   scope class for it when the translation unit declares one before the
///   write (findScopeClass: a constructor of one parameter of the
///   variable's type that writes it, a destructor that writes it back),
///   `TenantScope restore_tl(v);`, else
///   `ctxloss::scoped_value restore_tl(tl, v);` (C++17, `<ctxloss/context.h>`);
/// - `log4cxx::MDC::put(k, v);` becomes `log4cxx::MDC restore_mdc(k, v);`;
/// - `folly::RequestContext::setContext(c);` becomes
///   `folly::RequestContextScopeGuard restore_request_context(c);`.
///
/// Offered only for a statement of the task's own body (not of a nested
/// block, where the scope would end too early, nor of a function the task
/// calls, whose other callers expect the value to stay) that is the task's
/// only write of that context.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_SCOPEOBJECTFIX_H
#define CTXLOSS_FIXES_SCOPEOBJECTFIX_H

#include "checks/analysis/LeakSearch.h"
#include "checks/fixes/FixOption.h"

namespace ctxloss::fixes {

FixOption buildScopeObjectFix(const LeakedContext &Finding,
                              TUAnalysis &Analysis);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_SCOPEOBJECTFIX_H
