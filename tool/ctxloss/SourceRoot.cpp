//===--- SourceRoot.cpp - The directory report paths are relative to ------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/SourceRoot.h"
#include "tool/ctxloss/CompileDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace ctxloss::cli {

std::optional<std::string> relativeTo(llvm::StringRef Root,
                                      llvm::StringRef File) {
  Root.consume_back("/");
  if (Root.empty() || !File.starts_with(Root) ||
      File.substr(Root.size(), 1) != "/")
    return std::nullopt;
  return File.substr(Root.size() + 1).str();
}

/// The longest directory that holds both \p Dir and \p File.
static llvm::StringRef commonDir(llvm::StringRef Dir, llvm::StringRef File) {
  while (!Dir.empty() && !relativeTo(Dir, File))
    Dir = llvm::sys::path::parent_path(Dir);
  return Dir;
}

std::string defaultSourceRoot(llvm::ArrayRef<std::string> Sources) {
  std::string Cwd = absolutePath(".");
  if (Sources.empty() || llvm::all_of(Sources, [&](const std::string &S) {
        return relativeTo(Cwd, S).has_value();
      }))
    return Cwd;
  llvm::StringRef Common = llvm::sys::path::parent_path(Sources.front());
  for (const std::string &S : Sources.drop_front())
    Common = commonDir(Common, S);
  if (Common.empty())
    return Cwd;
  for (llvm::StringRef Dir = Common; !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return Dir.str();
    if (Dir == llvm::sys::path::root_path(Dir))
      break;
  }
  return Common.str();
}

} // namespace ctxloss::cli
