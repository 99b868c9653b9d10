//===--- TaskCallable.h - The callable a finding's task runs ----*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Which argument of a spawn runs the task a finding is about, what kind of
/// callable it is, and what the spawn will accept in its place.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_TASKCALLABLE_H
#define CTXLOSS_FIXES_TASKCALLABLE_H

#include "checks/analysis/TUAnalysis.h"
#include "clang/AST/ExprCXX.h"

namespace ctxloss::fixes {

struct TaskCallable {
  /// The spawn's argument, as passed.
  const clang::Expr *Arg = nullptr;
  /// The lambda written in place, if the argument is one.
  const clang::LambdaExpr *Lambda = nullptr;
  /// The argument is a lambda converted to a function pointer.
  bool ConvertedLambda = false;
  /// The spawn takes a function pointer there: no closure fits.
  bool NeedsFunctionPointer = false;
  /// The spawn takes an object of a given class there, which a new lambda
  /// wrapped around the argument would not convert to implicitly (a
  /// `std::packaged_task`, whose constructor is explicit, a task class of
  /// the program); null when a wrapping lambda fits.
  const clang::CXXRecordDecl *NeedsClass = nullptr;
};

/// The callable argument of \p Finding's spawn that runs its entry.
TaskCallable findTaskCallable(const LostContext &Finding);

/// True when calling a `const` object of \p T is not possible (a function
/// object whose call operators are all non-const, a `mutable` lambda), so a
/// wrapper that stores one must be `mutable`.
bool needsMutableCall(clang::QualType T);

/// The argument index of \p Arg in \p Call, a call or construction.
std::optional<unsigned> argumentIndex(const clang::Expr *Call,
                                      const clang::Expr *Arg);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_TASKCALLABLE_H
