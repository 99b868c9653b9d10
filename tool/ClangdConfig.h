//===--- ClangdConfig.h - The database .clangd files name -------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The compilation database a project's `.clangd` files name for a file,
/// read as clangd reads them, so that the background program summary
/// (ClangdSummary.h) uses the database clangd uses:
///
/// ```yaml
/// CompileFlags:
///   CompilationDatabase: build/debug   # relative to the .clangd's directory
/// ```
///
/// Every `.clangd` in the file's directory and its parents applies, the
/// nearest last, so the nearest one that sets `CompilationDatabase` wins.
/// A value is a directory (absolute, or relative to the `.clangd`'s
/// directory), `Ancestors` (clangd's default search) or `None` (no
/// database). A fragment with an `If:` block applies when its conditions
/// hold for the file, as clangd evaluates them (`PathMatch`, `PathExclude`:
/// regular expressions matching the whole path relative to the `.clangd`'s
/// directory; any other condition never holds). The user's config.yaml is
/// not read: a relative path has no meaning there; a value there is
/// clangd's alone.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CLANGDCONFIG_H
#define CTXLOSS_TOOL_CLANGDCONFIG_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>

namespace ctxloss {

struct ConfiguredDatabase {
  enum Kind : std::uint8_t { Ancestors, None, Directory } K = Ancestors;
  std::string Dir; ///< For Directory: absolute.
};

/// What the `.clangd` files above \p File (absolute) say; none when none
/// says anything.
std::optional<ConfiguredDatabase> configuredDatabase(llvm::StringRef File);

/// The `CompileFlags: CompilationDatabase:` of the `.clangd` text \p Yaml,
/// found in \p Dir, for \p File (absolute): the last one among the
/// fragments that apply to the file.
std::optional<ConfiguredDatabase> parseClangdConfig(llvm::StringRef Yaml,
                                                    llvm::StringRef Dir,
                                                    llvm::StringRef File);

} // namespace ctxloss

#endif // CTXLOSS_TOOL_CLANGDCONFIG_H
