//===--- CallableResolver.h - Which function a callable runs ----*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Maps the callable argument of a spawn to the function bodies that run on
/// the new task: a lambda's call operator, a named function or a pointer to
/// it, a member function pointer (called on the object passed with it), the
/// target of `std::bind`, or a function object's `operator()`; also through
/// a local variable that holds the callable for later: a `std::function`,
/// `std::move_only_function`, `std::packaged_task`, `absl::AnyInvocable`,
/// `folly::Function` (or another type-erasing holder) or the result of
/// `std::bind`, followed to the callable it was initialised with; and a task
/// object's entry member (TaskObjects.h).
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_CALLABLERESOLVER_H
#define CTXLOSS_ANALYSIS_CALLABLERESOLVER_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace ctxloss {

/// Appends to \p Entries the definitions the callable \p E may run. Appends
/// nothing when the callable is not known (a function pointer parameter, a
/// `std::function` parameter or member, a virtual call): unknown code is
/// assumed not to read context.
void resolveCallable(
    const clang::Expr *E,
    llvm::SmallVectorImpl<const clang::FunctionDecl *> &Entries);

/// As above, for a callable called with \p Object as its first argument
/// (`std::thread(&Task::run, &task)`): a virtual member function runs the
/// final overrider of the object's dynamic type when the site shows it
/// (see TaskObjects.h).
void resolveCallable(
    const clang::Expr *E, const clang::Expr *Object,
    llvm::SmallVectorImpl<const clang::FunctionDecl *> &Entries);

/// The function \p E names directly (`f`, `&f`, `std::bind(f, ...)`),
/// whether or not its body is available; null otherwise.
const clang::FunctionDecl *getNamedFunction(const clang::Expr *E);

/// The lambda \p E denotes, looking through the temporaries, copies and
/// conversions that wrap a lambda passed as an argument; null otherwise.
const clang::LambdaExpr *getLambda(const clang::Expr *E);

/// The definition whose body runs when \p FD is called, or null when the
/// body is not available.
const clang::FunctionDecl *getDefinitionWithBody(const clang::FunctionDecl *FD);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_CALLABLERESOLVER_H
