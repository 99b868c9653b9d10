//===--- ResourceDir.h - Locate Clang's builtin headers ---------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Finds the Clang resource directory (builtin headers such as <stddef.h>)
/// for a tool built outside the LLVM tree. Clang derives it from the
/// executable's path (`<bin>/../lib/clang/<major>`), which does not exist in
/// a build tree, so the tools look for it themselves.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_RESOURCEDIR_H
#define CTXLOSS_TOOL_RESOURCEDIR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace ctxloss {

/// Returns the first existing resource directory among the one beside the
/// executable and the one of the Clang the tool was built against, or an
/// empty string when neither exists.
std::string findResourceDir(const char *Argv0, void *MainAddr);

/// True when \p Args already sets a resource directory through an option
/// whose spelling starts with one of \p Prefixes.
bool hasResourceDirArg(llvm::ArrayRef<const char *> Args,
                       llvm::ArrayRef<llvm::StringRef> Prefixes);

} // namespace ctxloss

#endif // CTXLOSS_TOOL_RESOURCEDIR_H
