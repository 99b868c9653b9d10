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

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace ctxloss {

/// How a spawn's callable argument reaches the code its task runs.
enum class TaskForm : unsigned char {
  Region,         ///< the body of an OpenMP region
  Lambda,         ///< a lambda's call operator
  Function,       ///< a named function, or a pointer to one
  FunctionObject, ///< the call operator of an object of a class
  Bind,           ///< the target of `std::bind`/`bind_front`/`bind_back`
  TaskObject,     ///< a task object's entry member (`Runnable::run`)
  CTask,          ///< a function pointer stored in a struct with its argument
  Coroutine,      ///< the body of a coroutine the argument calls
  MemberCallback, ///< a member named with its object in a callback's
                  ///< constructor (`TimerCallback<C>(obj, &C::onTimer)`)
};

/// One body a spawn's task may run and how the engine got there from the
/// spawn: resolved once, carried by every finding, so fix builders, notes
/// and summaries never work it out again from the spawn call.
struct ResolvedTask {
  /// A function definition, or an OpenMP region's CapturedDecl.
  const clang::Decl *Entry = nullptr;
  /// The spawn's argument that runs Entry; null for an OpenMP region.
  const clang::Expr *Callable = nullptr;
  TaskForm Form = TaskForm::Function;
  /// The local holder the callable travelled in before the spawn (a
  /// `std::function`, `std::packaged_task`, `absl::AnyInvocable` or
  /// `std::bind` result variable), or null.
  const clang::VarDecl *Holder = nullptr;
  /// Set when the object's dynamic type is not known and Entry is one of
  /// the overrides of this entry member that the translation unit defines,
  /// a guess taken with the `TaskObjectOverrides` option.
  const clang::CXXMethodDecl *OverrideOf = nullptr;
  /// The object's static class, when its dynamic type is not known but
  /// only this translation unit can derive from it (TaskObjects.h,
  /// getClosedTaskClass). Without OverrideOf, Entry is the one body that
  /// the class and every class derived from it run: a certainty.
  const clang::CXXRecordDecl *ClosedClass = nullptr;
};

/// Appends to \p Out the definitions the callable \p E may run, each with
/// how it was reached; \p Object is the argument passed after it, if any
/// (see the second resolveCallable).
void resolveTask(const clang::Expr *E, const clang::Expr *Object,
                 llvm::SmallVectorImpl<ResolvedTask> &Out);

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

/// The local holder the callable \p E is kept in (ResolvedTask::Holder),
/// whether or not the function it runs has a body here; null otherwise.
const clang::VarDecl *getCallableHolder(const clang::Expr *E);

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
