//===--- SourceRoot.h - The directory report paths are relative to -*- C++ -*-//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The root that SARIF URIs (`SRCROOT`) and the `--show-fixes` diffs are
/// relative to, when `--source-root` does not name it. Code scanning
/// services match paths relative to the repository, and CI runs `ctxloss`
/// from the checkout as often as from the build directory.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_SOURCEROOT_H
#define CTXLOSS_TOOL_CTXLOSS_SOURCEROOT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace ctxloss::cli {

/// The current directory when every one of \p Sources (absolute paths) is
/// under it; otherwise the top of the checkout that holds them (the nearest
/// directory above their common directory with a `.git`); otherwise their
/// common directory. Without sources, the current directory.
std::string defaultSourceRoot(llvm::ArrayRef<std::string> Sources);

/// \p File relative to \p Root, or none when it is not under it.
std::optional<std::string> relativeTo(llvm::StringRef Root,
                                      llvm::StringRef File);

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_SOURCEROOT_H
