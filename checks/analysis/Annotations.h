//===--- Annotations.h - The annotations users put on declarations -*- C++ -*-//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Reads the `annotate` attributes that the macros of
/// `include/ctxloss/annotations.h` expand to, on any declaration of a
/// function or class (a header's declaration is enough):
///
///   CTXLOSS_READS_CONTEXT       the function reads context
///   CTXLOSS_SPAWNS(N)           the function runs its argument N (from 0)
///                               on another thread or task
///   CTXLOSS_PROPAGATES_CONTEXT  the function or class carries context
///                               across: a wrapper around a callable, or an
///                               executor that captures and restores it
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_ANNOTATIONS_H
#define CTXLOSS_ANALYSIS_ANNOTATIONS_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace ctxloss {

inline constexpr llvm::StringLiteral ReadsContextAnnotation =
    "ctxloss::reads_context";
inline constexpr llvm::StringLiteral SpawnsAnnotation = "ctxloss::spawns";
inline constexpr llvm::StringLiteral PropagatesAnnotation =
    "ctxloss::propagates_context";

/// Whether a declaration of \p D carries the annotation \p Name.
bool hasAnnotation(const clang::Decl *D, llvm::StringRef Name);

/// Whether \p Fn is annotated `CTXLOSS_READS_CONTEXT`.
bool readsContextByAnnotation(const clang::FunctionDecl *Fn);

/// The argument index of `CTXLOSS_SPAWNS(N)` on \p Fn, if annotated.
std::optional<unsigned>
spawnedArgumentByAnnotation(const clang::FunctionDecl *Fn);

/// Whether \p Fn, or the class it is a member or constructor of, is
/// annotated `CTXLOSS_PROPAGATES_CONTEXT`.
bool propagatesByAnnotation(const clang::FunctionDecl *Fn);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_ANNOTATIONS_H
