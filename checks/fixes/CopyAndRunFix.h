//===--- CopyAndRunFix.h - Snapshot at spawn, restore in the task -*- C++ -*-=//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The copy-and-run fix: each lost source is snapshotted where the task is
/// created and restored for the task's duration, with the recipe of its
/// profile (RestoreRecipe.h).
///
///   std::thread t([order] { charge(order); });
///   std::thread t([order, ctx_request_id = request_id] {
///     ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
///     charge(order);
///   });
///
/// A callable that is not a lambda written in place (a function, a pointer,
/// a function object, `std::bind`, a member pointer and its object) is
/// wrapped in a generic lambda that restores and then forwards the spawn's
/// arguments, which stay where they are:
///
///   std::thread t(charge, order);
///   std::thread t([ctx_request_id = request_id, task = charge](
///                     auto &&...args) -> decltype(auto) {
///     ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
///     return std::invoke(task, std::forward<decltype(args)>(args)...);
///   }, order);
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_COPYANDRUNFIX_H
#define CTXLOSS_FIXES_COPYANDRUNFIX_H

#include "checks/analysis/TUAnalysis.h"
#include "checks/fixes/FixOption.h"

namespace ctxloss::fixes {

/// The copy-and-run fix for the findings of one spawn site (one per lost
/// variable), as one fix.
/// Variables are named through the accessors, getters and scope classes
/// \p Analysis found where the spawn cannot name them.
FixOption buildCopyAndRunFix(llvm::ArrayRef<const LostContext *> Findings,
                             clang::ASTContext &Ctx,
                             const TUAnalysis &Analysis);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_COPYANDRUNFIX_H
