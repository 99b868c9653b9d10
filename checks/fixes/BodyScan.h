//===--- BodyScan.h - What a function body does with a variable -*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_BODYSCAN_H
#define CTXLOSS_FIXES_BODYSCAN_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

namespace ctxloss::fixes {

/// The references to one variable in a body.
struct VariableUses {
  llvm::SmallVector<const clang::DeclRefExpr *, 2> Refs;
  /// A reference made inside a lambda nested in the body.
  const clang::DeclRefExpr *InNestedLambda = nullptr;
};

/// Scans \p Body for \p Var (any of its declarations).
VariableUses scanBody(const clang::Stmt *Body, const clang::VarDecl *Var);

/// The names \p Body declares (locals, nested lambdas' parameters, ...).
llvm::StringSet<> declaredNames(const clang::Stmt *Body);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_BODYSCAN_H
