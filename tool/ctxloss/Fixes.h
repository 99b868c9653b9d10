//===--- Fixes.h - Whole-program fixes, applied once ------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Builds the fixes of whole-program findings with the check's own fix
/// builders, by parsing again the translation units that hold the spawn
/// sites, then merges them: an edit proposed twice (a header reached
/// through two translation units) is made once, and a site's fix whose
/// edits overlap another's is refused as a whole, with a message.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_FIXES_H
#define CTXLOSS_TOOL_CTXLOSS_FIXES_H

#include "checks/analysis/ProgramAnalysis.h"
#include "tool/ctxloss/Config.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Replacement.h"
#include <map>

namespace ctxloss::cli {

struct FixPlan {
  /// Every edit to make, deduplicated, free of conflicts.
  std::vector<clang::tooling::Replacement> Edits;
  /// Findings left without a fix, and why.
  std::vector<std::string> Refused;
  unsigned Fixed = 0;
  /// The content hash of each file to edit, as the edits were computed.
  std::map<std::string, std::string> Hashes;
};

/// \p Owners maps a function id to the translation unit (an index into
/// \p Commands) whose summary it comes from.
FixPlan planFixes(llvm::ArrayRef<ProgramFinding> Findings,
                  llvm::ArrayRef<clang::tooling::CompileCommand> Commands,
                  const llvm::StringMap<unsigned> &Owners, Config &Options,
                  llvm::StringRef ResourceDir);

/// Applies the edits of \p Plan to the files on disk, holding a lock on
/// \p LockFile (created when missing) meanwhile; says on \p Log when it
/// waits for it. Each file is replaced atomically. Fails, editing nothing,
/// when a file no longer has the content the edits were computed on.
llvm::Error applyEdits(const FixPlan &Plan, llvm::StringRef LockFile,
                       llvm::raw_ostream &Log);

/// Writes \p Edits as clang-apply-replacements YAML.
llvm::Error exportEdits(llvm::ArrayRef<clang::tooling::Replacement> Edits,
                        llvm::StringRef Path);

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_FIXES_H
