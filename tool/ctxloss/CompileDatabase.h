//===--- CompileDatabase.h - The translation units to analyse ---*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_COMPILEDATABASE_H
#define CTXLOSS_TOOL_CTXLOSS_COMPILEDATABASE_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <vector>

namespace ctxloss::cli {

/// Loads `compile_commands.json` from \p BuildPath (a directory, or the file
/// itself) and returns one command per source file, in the database's
/// order, with absolute, normalised file names. Fails with a message naming
/// the file when it is missing or malformed.
llvm::Expected<std::vector<clang::tooling::CompileCommand>>
loadCompileCommands(llvm::StringRef BuildPath);

/// Makes commands written for GCC acceptable to clang, then adds the
/// user's arguments: drops every argument clang's driver does not know
/// (GCC-only options such as `-fconcepts-diagnostics-depth=N`) and every
/// `-W` option naming a warning clang does not have, then inserts
/// \p ExtraBefore after the compiler and appends \p ExtraAfter, as
/// clang-tidy's `--extra-arg-before` and `--extra-arg` do.
void adjustCommands(std::vector<clang::tooling::CompileCommand> &Commands,
                    llvm::ArrayRef<std::string> ExtraBefore,
                    llvm::ArrayRef<std::string> ExtraAfter);

/// Whether clang knows the warning option \p Arg (`-Wfoo`, `-Wno-foo`,
/// `-Werror=foo`, `-Wno-error=foo`); true for any other argument.
bool isKnownWarningOption(llvm::StringRef Arg);

/// The absolute form of \p Path (relative to \p Dir), with symbolic links
/// resolved when it exists.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef Dir = "");

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_COMPILEDATABASE_H
