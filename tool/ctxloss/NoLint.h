//===--- NoLint.h - NOLINT comments, as clang-tidy reads them ---*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Decides whether a finding is suppressed by a `NOLINT`,
/// `NOLINTNEXTLINE` or `NOLINTBEGIN`/`NOLINTEND` comment, with the rules of
/// clang-tidy's NoLintDirectiveHandler: a directive is the text `NOLINT`
/// with an optional `NEXTLINE`/`BEGIN`/`END` and an optional `(globs)` on
/// the same line (no list means every check; negative globs are ignored);
/// blocks nest, and an `END` closes the innermost open `BEGIN` only when
/// their lists are the same (whitespace around the commas aside). The
/// driver works from summaries, not from an AST, so the directives are read
/// from the files themselves.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_NOLINT_H
#define CTXLOSS_TOOL_CTXLOSS_NOLINT_H

#include "checks/analysis/SummaryFile.h"
#include "llvm/ADT/StringMap.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ctxloss::cli {

class NoLintFilter {
public:
  NoLintFilter();
  ~NoLintFilter();
  NoLintFilter(const NoLintFilter &) = delete;
  NoLintFilter &operator=(const NoLintFilter &) = delete;

  /// Whether a warning of \p Check at \p Loc is suppressed. A file that
  /// cannot be read suppresses nothing.
  bool suppresses(const summary::Location &Loc, llvm::StringRef Check);

private:
  struct FileDirectives;
  const FileDirectives *directives(llvm::StringRef File);

  llvm::StringMap<std::unique_ptr<FileDirectives>> Files;
};

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_NOLINT_H
