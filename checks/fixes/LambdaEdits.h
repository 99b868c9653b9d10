//===--- LambdaEdits.h - Captures and statements for a lambda -*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The two edits both fixes make to a task written as a lambda: more
/// init-captures (after whatever the capture list holds: a default `=` or
/// `&`, `this`, other captures, or nothing) and statements at the top of the
/// body (on the brace's line for a one-line body, on lines of their own
/// otherwise). The parameter list, `mutable`, a trailing return type and
/// template parameters of a generic lambda are left alone: none of them
/// changes what an init-capture or a leading statement means.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_LAMBDAEDITS_H
#define CTXLOSS_FIXES_LAMBDAEDITS_H

#include "checks/fixes/EditSet.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSet.h"

namespace ctxloss::fixes {

/// True when the capture list and the body braces are written in a file
/// (not produced by a macro), so that both edits are possible.
bool isEditableLambda(const clang::LambdaExpr *Lambda);

/// The names declared in \p Lambda: its explicit captures, its parameters
/// and what its body declares.
llvm::StringSet<> namesDeclaredIn(const clang::LambdaExpr *Lambda);

/// Appends \p Captures (each `name = expression`) to the capture list.
void addCaptures(const clang::LambdaExpr *Lambda,
                 llvm::ArrayRef<std::string> Captures, EditSet &Edits);

/// Inserts \p Statements before the first statement of the body.
void addLeadingStatements(const clang::LambdaExpr *Lambda,
                          llvm::ArrayRef<std::string> Statements,
                          const clang::SourceManager &SM, EditSet &Edits);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_LAMBDAEDITS_H
