//===--- SummaryExport.h - One translation unit's summary -------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Turns what TUAnalysis found in one translation unit into its serialized
/// summary (SummaryFile.h): per function, by USR, its context reads and
/// writes, its calls (including calls to functions whose body is in another
/// translation unit), its spawn sites, the callables it passes to other
/// functions, and what it does with its own callable parameters. What only
/// the AST can decide is decided here, with the engine's own analyses: which
/// reads and calls a write of the same key dominates (RestoreAnalysis),
/// which callables a spawn runs, which parameters are spawned or invoked
/// (ParamRoles).
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_SUMMARYEXPORT_H
#define CTXLOSS_ANALYSIS_SUMMARYEXPORT_H

#include "checks/analysis/SummaryFile.h"
#include "checks/analysis/SuspendRecognizer.h"
#include "checks/analysis/TUAnalysis.h"

namespace ctxloss {

/// The summary of the translation unit \p Analysis has run() over, with
/// the options it ran with (\p Options.Logging says which logging calls
/// read a profile's context, as the check decides it) and those of
/// `context-lost-after-suspend` (\p Suspend). \p MainFile names the
/// translation unit in the summary.
summary::Summary exportSummary(const TUAnalysis &Analysis,
                               clang::ASTContext &Ctx, llvm::StringRef MainFile,
                               const AnalysisOptions &Options,
                               const SuspendOptions &Suspend);

/// The id of a context key in summaries: `var:<USR>` for a variable,
/// `profile:<name>` for a profile's context.
std::string getKeyId(ContextKey Key);

/// The id of a function (not a lambda or region) in summaries: its USR.
std::string getFunctionId(const clang::FunctionDecl *Fn);

/// The id a summary gives the callee of \p Edge, a call of a function
/// defined elsewhere: its USR, or `virtual:<USR>` for a virtual call of a
/// member that no body in the translation unit may run (CallEdge::Virtual).
std::string getCalleeId(const CallEdge &Edge);

/// Whether \p Id, a function id read from a summary, names \p Fn (a
/// function or lambda body): by USR, or for a lambda by where it is written
/// (a summary numbers the declarations written at one place in the order it
/// meets them, `lambda:<loc>#2`).
bool isFunctionIdOf(llvm::StringRef Id, const clang::Decl *Fn);

/// Where \p Loc is shown in summaries: its expansion location, with an
/// absolute path, symbolic links resolved.
summary::Location getSummaryLocation(const clang::SourceManager &SM,
                                     clang::SourceLocation Loc);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_SUMMARYEXPORT_H
