//===--- Cache.h - Per-TU summaries kept between runs -----------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A directory of summaries, one file per translation unit. An entry is
/// found by a hash of the compile command (directory, file, arguments), the
/// options that change a summary and the summary format version; it is
/// valid while every file the translation unit read (the main file and all
/// headers) still has the content hash recorded with it. So an unchanged
/// translation unit is not parsed again, and a changed header invalidates
/// exactly the translation units that include it.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_CACHE_H
#define CTXLOSS_TOOL_CTXLOSS_CACHE_H

#include "checks/analysis/SummaryFile.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <optional>

namespace ctxloss::cli {

class SummaryCache {
public:
  explicit SummaryCache(std::string Dir) : Dir(std::move(Dir)) {}

  /// The key of a translation unit's entry.
  static std::string key(const clang::tooling::CompileCommand &Cmd,
                         llvm::StringRef OptionsFingerprint);

  /// The cached summary, when every recorded file is unchanged.
  std::optional<summary::Summary> lookup(llvm::StringRef Key) const;

  /// Stores a summary with the files it was built from. Best effort: a
  /// cache that cannot be written only costs time.
  void store(llvm::StringRef Key, const summary::Summary &S,
             llvm::ArrayRef<std::string> Dependencies) const;

private:
  std::string entryPath(llvm::StringRef Key) const;
  std::string Dir;
};

/// Creates the cache directory \p Dir when missing and checks that files
/// can be created in it.
llvm::Error checkCacheDir(llvm::StringRef Dir);

/// The content hash of \p Data.
std::string hashContent(llvm::StringRef Data);

/// The content hash of a file, or none when it cannot be read.
std::optional<std::string> hashFile(llvm::StringRef Path);

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_CACHE_H
