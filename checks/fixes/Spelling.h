//===--- Spelling.h - How fix-its spell names and find text -----*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Small text helpers shared by the fix builders: how to spell a variable
/// and a type so that they name the same entity wherever the fix puts them,
/// the source text of an expression, and the indentation of a line.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_SPELLING_H
#define CTXLOSS_FIXES_SPELLING_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>

namespace ctxloss::fixes {

/// \p Var's name qualified by its enclosing namespaces and classes, as
/// written (no anonymous or inline namespaces). With \p Global, a leading
/// `::` too, so that a local or parameter of the same name cannot hide it.
/// A function-local static is spelled by its plain name.
std::string spellVariable(const clang::VarDecl *Var, bool Global = false);

/// True when the fix can spell \p Var from another function: it is declared
/// at namespace or class scope.
bool isSpellableAnywhere(const clang::VarDecl *Var);

/// \p Var's spelling where the names in \p Taken are declared or used: the
/// qualified name, with a leading `::` when its first part is taken.
std::string spellVariableAvoiding(const clang::VarDecl *Var,
                                  const llvm::StringSet<> &Taken);

/// \p T, fully qualified, as a declaration elsewhere in the file spells it.
std::string spellType(clang::QualType T, const clang::ASTContext &Ctx);

/// \p Base, or \p Base with the smallest numeric suffix (`_1`, `_2`, ...)
/// that is not in \p Taken; the result is added to \p Taken.
std::string uniqueName(llvm::StringRef Base, llvm::StringSet<> &Taken);

/// Every identifier written in \p Range (raw tokens, macros not expanded):
/// the names a new declaration placed there must not reuse, since it would
/// clash with or hide one of them.
llvm::StringSet<> identifiersIn(clang::SourceRange Range,
                                const clang::ASTContext &Ctx);

/// The text of \p E as written, when all of it is written in one file (not
/// produced by a macro).
std::optional<std::string> writtenText(const clang::Expr *E,
                                       const clang::ASTContext &Ctx);

/// The range \p E covers in its file, when it is written there.
std::optional<clang::CharSourceRange>
writtenRange(const clang::Expr *E, const clang::ASTContext &Ctx);

/// The whitespace that starts the line of \p Loc.
std::string lineIndentation(clang::SourceLocation Loc,
                            const clang::SourceManager &SM);

/// True when \p A and \p B are on the same line of the same file.
bool onSameLine(clang::SourceLocation A, clang::SourceLocation B,
                const clang::SourceManager &SM);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_SPELLING_H
