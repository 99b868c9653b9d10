//===--- VariableWrites.h - Does a body change a variable -------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Finds a use of a variable in a body that may change it: an assignment,
/// `++`/`--`, a non-const member function or operator, a binding to a
/// non-const reference (a call argument, a reference variable), its address
/// taken, or a use the AST cannot settle (a dependent expression). Each use
/// is judged by the parents met on the way down from \p Body, not by
/// ASTContext's parent map: building that map walks the whole translation
/// unit, and a template instantiation shares nodes with its dependent
/// pattern, whose parents would make every use look unsettled.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_VARIABLEWRITES_H
#define CTXLOSS_FIXES_VARIABLEWRITES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace ctxloss::fixes {

/// The first reference to \p Var (any declaration of it) in \p Body whose
/// use may change it, or null.
const clang::DeclRefExpr *findWrite(const clang::Stmt *Body,
                                    const clang::VarDecl *Var);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_VARIABLEWRITES_H
