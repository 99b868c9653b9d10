//===--- NinjaEmitter.h - The pipeline as a Ninja file ----------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Writes a Ninja file that runs the summarise step once per translation
/// unit (`ctxloss --summarize-only`, with a depfile so a changed header
/// reruns exactly the translation units including it) and the link and
/// report step over all summaries. Any Ninja-compatible runner, local or
/// distributed, can run it.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_NINJAEMITTER_H
#define CTXLOSS_TOOL_CTXLOSS_NINJAEMITTER_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <map>
#include <set>

namespace ctxloss::cli {

struct NinjaPlan {
  std::string Ctxloss;   ///< This executable.
  std::string BuildPath; ///< `-p`.
  /// Options passed on to every step (`--checks`, `--config`, ...).
  std::vector<std::string> PassThrough;
  std::string Format; ///< Of the report.
  /// The configuration files each source's options come from (its
  /// `.clang-tidy` files, `--config-file`): its summary and the report are
  /// made again when one changes.
  std::map<std::string, std::vector<std::string>> ConfigFiles;
};

/// Writes \p Path; outputs go to `ctxloss-out/` beside it: one summary per
/// translation unit, `program.json` and `report.<format>`.
llvm::Error emitNinja(llvm::StringRef Path,
                      llvm::ArrayRef<clang::tooling::CompileCommand> Commands,
                      const NinjaPlan &Plan);

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_NINJAEMITTER_H
