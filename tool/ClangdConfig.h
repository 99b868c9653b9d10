//===--- ClangdConfig.h - What .clangd files say of the database -*- C++
//-*-===//
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
/// database). Fragments with an `If:` block are skipped (their conditions
/// are not evaluated here), and so is the user's config.yaml, where a
/// relative path has no meaning; a value there is clangd's alone.
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
/// found in \p Dir, the last one of its fragments without `If:`.
std::optional<ConfiguredDatabase> parseClangdConfig(llvm::StringRef Yaml,
                                                    llvm::StringRef Dir);

} // namespace ctxloss

#endif // CTXLOSS_TOOL_CLANGDCONFIG_H
