//===--- FixDiff.h - Fixes as unified diffs ---------------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// `--show-fixes`: the edits of a fix plan as one unified diff per file
/// (`--- a/PATH`, `+++ b/PATH`, three lines of context), which `patch -p1`
/// or `git apply` applies from the source root, and which CI logs and
/// reviewers read more easily than replacement offsets.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_FIXDIFF_H
#define CTXLOSS_TOOL_CTXLOSS_FIXDIFF_H

#include "tool/ctxloss/Fixes.h"
#include "llvm/Support/raw_ostream.h"

namespace ctxloss::cli {

/// The unified diff that \p Edits (conflict-free) make to \p Old.
/// \p Name is the path printed after `a/` and `b/`.
std::string unifiedDiff(llvm::StringRef Name, llvm::StringRef Old,
                        const clang::tooling::Replacements &Edits);

/// Writes the diff of every file \p Plan edits, files in path order, named
/// relative to \p Root when under it. Fails when a file no longer has the
/// content the edits were computed on.
llvm::Error writeFixDiffs(const FixPlan &Plan, llvm::StringRef Root,
                          llvm::raw_ostream &OS);

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_FIXDIFF_H
