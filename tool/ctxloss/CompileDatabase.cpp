//===--- CompileDatabase.cpp - The translation units to analyse -----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/CompileDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <tuple>

namespace ctxloss::cli {

std::string absolutePath(llvm::StringRef Path, llvm::StringRef Dir) {
  llvm::SmallString<256> Result;
  if (!llvm::sys::path::is_absolute(Path) && !Dir.empty()) {
    Result = Dir;
    llvm::sys::path::append(Result, Path);
  } else {
    Result = Path;
  }
  // Without a working directory the path is named as given: there is no
  // error to report to callers, and a relative name still finds the file.
  std::ignore = llvm::sys::fs::make_absolute(Result);
  // Symbolic links resolved, as the analysis names files.
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Result, Real))
    return std::string(Real);
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

llvm::Expected<std::vector<clang::tooling::CompileCommand>>
loadCompileCommands(llvm::StringRef BuildPath) {
  llvm::SmallString<256> File(BuildPath);
  if (llvm::sys::fs::is_directory(File))
    llvm::sys::path::append(File, "compile_commands.json");
  if (!llvm::sys::fs::exists(File))
    return llvm::createStringError("no compilation database: '%s' does not "
                                   "exist",
                                   File.c_str());
  std::string Message;
  std::unique_ptr<clang::tooling::JSONCompilationDatabase> DB =
      clang::tooling::JSONCompilationDatabase::loadFromFile(
          File, Message, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    return llvm::createStringError("malformed compilation database '%s': %s",
                                   File.c_str(), Message.c_str());
  std::vector<clang::tooling::CompileCommand> Commands;
  llvm::StringSet<> Seen;
  for (clang::tooling::CompileCommand &Cmd : DB->getAllCompileCommands()) {
    Cmd.Filename = absolutePath(Cmd.Filename, Cmd.Directory);
    // A file compiled twice (two configurations) is analysed once.
    if (Seen.insert(Cmd.Filename).second)
      Commands.push_back(std::move(Cmd));
  }
  return Commands;
}

} // namespace ctxloss::cli
