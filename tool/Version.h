//===--- Version.h - The version of ctxloss ---------------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The version the tools print with `--version` and the SARIF log carries:
/// the project's version (`project(... VERSION ...)`), plus `git describe`
/// when the build was configured from a checkout.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_VERSION_H
#define CTXLOSS_TOOL_VERSION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace ctxloss {

/// `MAJOR.MINOR.PATCH`, as semantic versioning wants it.
llvm::StringRef semanticVersion();

/// The semantic version, then ` (git <describe>)` when known.
llvm::StringRef fullVersion();

/// Prints `ctxloss <full version>` on a line of its own.
void printVersion(llvm::raw_ostream &OS);

/// Whether \p Args (the program name first) asks for `--version` before
/// any `--`.
bool asksForVersion(llvm::ArrayRef<const char *> Args);

} // namespace ctxloss

#endif // CTXLOSS_TOOL_VERSION_H
