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

/// The absolute form of \p Path (relative to \p Dir), with symbolic links
/// resolved when it exists.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef Dir = "");

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_COMPILEDATABASE_H
