//===--- ClangdSummary.h - The program summary clangd keeps -----*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The whole-program summary `ctxloss-clangd` maintains by itself, so that
/// the editor sees what CI sees: calls into other files and into header
/// functions whose bodies clangd skipped count as what they do.
///
/// For a file parsed in a project with a compilation database
/// (`compile_commands.json` in the file's directory or a parent, or in a
/// `build/` beside one of them; or where a `.clangd` says, ClangdConfig.h),
/// the summary is
/// `<project>/.cache/ctxloss/program.json`, written by the `ctxloss` driver
/// installed beside `ctxloss-clangd` with its per-TU cache in
/// `<project>/.cache/ctxloss/tu/`. When the parsed file or the database is
/// newer than the summary, a refresh is queued: one background thread for
/// the process, one job at a time, started after a quiet period (further
/// saves coalesce), run under `nice -n 19` with `-j1`. Parsing never waits:
/// the checks use the summary that exists; the one that lands is loaded,
/// then the open files of the project are re-checked (LspInput.h).
///
/// The driver writes the summary and its cache through temporaries renamed
/// into place, and a lock file keeps two editors on one project from
/// running the driver at once. Without a database, nothing runs.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CLANGDSUMMARY_H
#define CTXLOSS_TOOL_CLANGDSUMMARY_H

#include "llvm/ADT/StringRef.h"

namespace ctxloss {

/// Installs the background summary for this process as the checks'
/// default summary. \p Argv0 locates the `ctxloss` driver. With
/// \p Refresh false the summaries that exist are used but never refreshed
/// (`--check` runs exit before a refresh could finish). A non-empty
/// \p CompileCommandsDir (clangd's `--compile-commands-dir`) is the one
/// database of every file, and the project's root.
void installClangdSummary(const char *Argv0, bool Refresh,
                          llvm::StringRef CompileCommandsDir);

} // namespace ctxloss

#endif // CTXLOSS_TOOL_CLANGDSUMMARY_H
