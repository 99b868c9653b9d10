//===--- Reporters.h - Findings as text, JSON and SARIF ---------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_REPORTERS_H
#define CTXLOSS_TOOL_CTXLOSS_REPORTERS_H

#include "checks/analysis/ProgramAnalysis.h"
#include "llvm/Support/raw_ostream.h"

namespace ctxloss::cli {

/// Clang's diagnostic format: `file:line:col: warning: ... [check]`, then
/// the notes, each with its source line and a caret.
void writeText(llvm::ArrayRef<ProgramFinding> Findings, llvm::raw_ostream &OS);

/// One JSON object: `{"version": 1, "findings": [...]}`, each finding with
/// its check, message, location, key, boundary and notes.
void writeJson(llvm::ArrayRef<ProgramFinding> Findings, llvm::raw_ostream &OS);

/// A SARIF 2.1.0 log with one run. File URIs are relative to
/// \p SourceRoot (as `SRCROOT`) when under it, absolute otherwise.
/// \p Suppressed are written too, each with an `inSource` suppression.
void writeSarif(llvm::ArrayRef<ProgramFinding> Findings,
                llvm::ArrayRef<ProgramFinding> Suppressed,
                llvm::StringRef SourceRoot, llvm::raw_ostream &OS);

/// GitLab's code quality report: a JSON array, one issue per finding, its
/// path relative to \p SourceRoot.
void writeCodeQuality(llvm::ArrayRef<ProgramFinding> Findings,
                      llvm::StringRef SourceRoot, llvm::raw_ostream &OS);

/// Stable across edits that move the code: the key, the spawning function,
/// the boundary, the functions down to the read and the file (relative to
/// \p SourceRoot), not lines. SARIF's partial fingerprint, GitLab's.
std::string findingFingerprint(const ProgramFinding &F,
                               llvm::StringRef SourceRoot);

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_REPORTERS_H
