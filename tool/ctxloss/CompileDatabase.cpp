//===--- CompileDatabase.cpp - The translation units to analyse -----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/CompileDatabase.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Options/Options.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Option/ArgList.h"
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
  std::vector<clang::tooling::CompileCommand> All = DB->getAllCompileCommands();
  // Nothing to analyse is a broken build setup, not a clean result.
  if (All.empty())
    return llvm::createStringError("empty compilation database '%s': no "
                                   "translation unit to analyse",
                                   File.c_str());
  std::vector<clang::tooling::CompileCommand> Commands;
  llvm::StringSet<> Seen;
  for (clang::tooling::CompileCommand &Cmd : All) {
    Cmd.Filename = absolutePath(Cmd.Filename, Cmd.Directory);
    // A file compiled twice (two configurations) is analysed once.
    if (Seen.insert(Cmd.Filename).second)
      Commands.push_back(std::move(Cmd));
  }
  return Commands;
}

bool isKnownWarningOption(llvm::StringRef Arg) {
  llvm::StringRef Name = Arg;
  if (!Name.consume_front("-W") || Name.empty())
    return true;
  // -Wl,..., -Wa,..., -Wp,...: arguments for other tools.
  if (Name.size() >= 2 && Name[1] == ',')
    return true;
  Name.consume_front("no-");
  if (!Name.consume_front("error="))
    Name.consume_front("fatal-errors=");
  // What clang's warning options take besides group names.
  if (Name.empty() || Name == "error" || Name == "fatal-errors" ||
      Name == "everything" || Name == "system-headers")
    return true;
  return clang::DiagnosticIDs::getGroupForWarningOption(Name).has_value();
}

/// Whether \p Cmd is run by clang-cl (whose options are another set).
static bool isClangCl(llvm::ArrayRef<std::string> Args) {
  if (Args.empty())
    return false;
  llvm::StringRef Tool = llvm::sys::path::stem(Args.front());
  if (Tool.ends_with_insensitive("cl"))
    return true;
  return llvm::any_of(
      Args, [](llvm::StringRef A) { return A == "--driver-mode=cl"; });
}

/// \p Args without what clang's driver does not know.
static std::vector<std::string>
dropUnknownArguments(const std::vector<std::string> &Args) {
  if (Args.size() < 2 || isClangCl(Args))
    return Args;
  std::vector<const char *> Argv;
  for (const std::string &A : llvm::ArrayRef(Args).drop_front())
    Argv.push_back(A.c_str());
  unsigned MissingIndex = 0;
  unsigned MissingCount = 0;
  llvm::opt::InputArgList Parsed = clang::getDriverOptTable().ParseArgs(
      Argv, MissingIndex, MissingCount,
      llvm::opt::Visibility(clang::options::ClangOption));
  llvm::SmallVector<bool, 64> Drop(Args.size(), false);
  for (const llvm::opt::Arg *A : Parsed.filtered(clang::options::OPT_UNKNOWN))
    Drop[A->getIndex() + 1] = true;
  for (unsigned I = 1; I < Args.size(); ++I)
    if (!isKnownWarningOption(Args[I]))
      Drop[I] = true;
  std::vector<std::string> Out;
  for (unsigned I = 0; I < Args.size(); ++I)
    if (!Drop[I])
      Out.push_back(Args[I]);
  // Only parsing: linker inputs (-Wl,--as-needed, -lfoo) go unused, which
  // -Werror would turn into errors.
  Out.insert(llvm::find(Out, "--"), "-Wno-unused-command-line-argument");
  return Out;
}

void adjustCommands(std::vector<clang::tooling::CompileCommand> &Commands,
                    llvm::ArrayRef<std::string> ExtraBefore,
                    llvm::ArrayRef<std::string> ExtraAfter) {
  using namespace clang::tooling;
  ArgumentsAdjuster Before = getInsertArgumentAdjuster(
      ExtraBefore.vec(), ArgumentInsertPosition::BEGIN);
  ArgumentsAdjuster After =
      getInsertArgumentAdjuster(ExtraAfter.vec(), ArgumentInsertPosition::END);
  for (CompileCommand &Cmd : Commands) {
    std::vector<std::string> Args = dropUnknownArguments(Cmd.CommandLine);
    if (!ExtraBefore.empty())
      Args = Before(Args, Cmd.Filename);
    if (!ExtraAfter.empty())
      Args = After(Args, Cmd.Filename);
    Cmd.CommandLine = std::move(Args);
  }
}

} // namespace ctxloss::cli
