//===--- ThrowAnalysis.h - Calls that may throw -----------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Which calls may throw, as far as one translation unit can tell: a path
/// out of a function for the searches that follow a value to the function's
/// ends (`context-leaked-from-task`).
///
/// Most C++ functions are declared without `noexcept` and never throw, so
/// "not noexcept" alone would make nearly every call a way out. By default a
/// call may throw only when the analysis sees it: its callee's body (in this
/// translation unit) lets an exception out, through a `throw` expression
/// that no handler of the callee catches or through a call of its own that
/// may throw. A `noexcept` callee never throws (an exception there ends the
/// program). A callee whose body is elsewhere, a virtual or indirect call is
/// not known to throw.
///
/// With `AnyCall` (the broad variant), every call whose callee is not
/// declared `noexcept` may throw, bodies or not.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_THROWANALYSIS_H
#define CTXLOSS_ANALYSIS_THROWANALYSIS_H

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"

namespace ctxloss {

class ThrowAnalysis {
public:
  explicit ThrowAnalysis(bool AnyCall = false) : AnyCall(AnyCall) {}

  /// Whether the call or construction \p S may end by an exception; false
  /// for any other statement.
  bool mayThrow(const clang::Stmt *S);
  /// Whether an exception may leave the body of \p Fn.
  bool throws(const clang::FunctionDecl *Fn);

private:
  bool escapes(const clang::Stmt *S,
               llvm::SmallVectorImpl<const clang::CXXTryStmt *> &Tries);

  bool AnyCall;
  /// In progress counts as not throwing: recursion ends.
  llvm::DenseMap<const clang::FunctionDecl *, bool> Throws;
};

/// Whether \p Handler catches an exception of type \p Thrown: a catch-all,
/// the same class or a base of it, or the same type.
bool catches(const clang::CXXCatchStmt *Handler, clang::QualType Thrown);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_THROWANALYSIS_H
