//===--- SavedValues.h - Values kept aside and branches on them -*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// What a restore needs to know about the values of one function, beyond
/// the writes: which value a write stores, the values a local variable is
/// given (`prev = GetX();` keeps the context aside), and the branches a
/// path from a write must take:
///
/// - `if (prev != v) SetX(prev);` after `SetX(v)`: on the branch where the
///   saved value equals the value written, the context already holds the
///   saved value; that branch restores as the call does.
/// - `if (m) { ...; SetX(v); } ... if (m) { SetX(prev); }`: a later `if` on
///   the same plain variable, which the function never assigns, takes the
///   branch the write was made on.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_SAVEDVALUES_H
#define CTXLOSS_ANALYSIS_SAVEDVALUES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace ctxloss {

/// \p E without the conversions, copies, moves and temporaries around a
/// value.
const clang::Expr *stripValue(const clang::Expr *E);

/// The value a write stores: the right-hand side of an assignment, the last
/// argument of a setter call; null when there is none (`tl.clear()`).
const clang::Expr *writtenValue(const clang::Stmt *At);

/// When \p Value names a local variable of \p Body: the values it holds
/// there, in \p Given. Its assignments (`prev = GetX();`) when it has any,
/// its initialiser otherwise: a variable declared with a default and
/// assigned the saved value before the write holds the saved value where
/// the write is undone. False when \p Value is not a local variable, or
/// its address is taken or it is incremented (its value is then unknown).
bool localValues(const clang::Stmt *Body, const clang::Expr *Value,
                 llvm::SmallVectorImpl<const clang::Expr *> &Given);

/// Whether \p A and \p B are the same value: the same variable or constant
/// (`PerfLevel::kX` twice), or integer constants that evaluate equal.
bool isSameValue(const clang::Expr *A, const clang::Expr *B,
                 const clang::ASTContext &Ctx);

/// A branch on the equality of two values (`a != b`, `a == b`).
struct EqualityBranch {
  const clang::Expr *LHS;
  const clang::Expr *RHS;
  /// The successor of the branch's CFG block taken when they are equal.
  unsigned EqualSuccessor;
};
std::optional<EqualityBranch> getEqualityBranch(const clang::Expr *Cond);

/// A plain variable a branch tests (`if (m)`, `if (!m)`, `if (this->m)`)
/// and the value it has on the branch a path took.
struct AssumedCondition {
  const clang::ValueDecl *Var;
  bool Value;
};
/// The variable \p Cond tests, and its value when \p Cond is true.
std::optional<AssumedCondition> getPlainCondition(const clang::Expr *Cond);

/// The conditions of the `if` statements of \p Body around \p At, on
/// variables \p Body never assigns: a path from \p At that reaches another
/// `if` on one of them takes the same branch.
void getConditionsAround(const clang::Stmt *Body, const clang::Stmt *At,
                         const clang::SourceManager &SM,
                         llvm::SmallVectorImpl<AssumedCondition> &Out);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_SAVEDVALUES_H
