//===--- ResourceDir.cpp - Locate Clang's builtin headers -----------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ResourceDir.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace ctxloss {

static bool hasBuiltinHeaders(llvm::StringRef Dir) {
  llvm::SmallString<256> Probe(Dir);
  llvm::sys::path::append(Probe, "include", "stddef.h");
  return llvm::sys::fs::exists(Probe);
}

std::string findResourceDir(const char *Argv0, void *MainAddr) {
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, MainAddr);
  if (!Exe.empty()) {
    // An installed tool: <prefix>/bin/tool next to <prefix>/lib/clang/N.
    llvm::SmallString<256> Dir(
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(Exe)));
    llvm::sys::path::append(Dir, "lib", "clang", CTXLOSS_CLANG_MAJOR);
    if (hasBuiltinHeaders(Dir))
      return std::string(Dir);
  }
  if (hasBuiltinHeaders(CTXLOSS_CLANG_RESOURCE_DIR))
    return CTXLOSS_CLANG_RESOURCE_DIR;
  return "";
}

bool hasResourceDirArg(llvm::ArrayRef<const char *> Args,
                       llvm::ArrayRef<llvm::StringRef> Prefixes) {
  for (const char *Arg : Args)
    for (llvm::StringRef Prefix : Prefixes)
      if (llvm::StringRef(Arg).starts_with(Prefix))
        return true;
  return false;
}

} // namespace ctxloss
