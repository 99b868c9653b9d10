//===--- CtxlossClangdMain.cpp - clangd with the context checks -----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// `ctxloss-clangd`: clangd with the `context` clang-tidy module linked in
/// (clangd cannot load clang-tidy plugins).
///
//===----------------------------------------------------------------------===//

#include "tool/ClangdSummary.h"
#include "tool/LspInput.h"
#include "tool/ResourceDir.h"
#include "tool/Version.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

// clangd does not install its headers; this is the entry point that
// libclangdMain.a defines.
namespace clang::clangd {
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

int main(int Argc, char *Argv[]) {
  std::vector<char *> Args(Argv, Argv + Argc);
  // clangd installs a version printer of its own, which would replace ours:
  // print our line first, then let clangd print its version.
  if (ctxloss::asksForVersion(
          std::vector<const char *>(Args.begin(), Args.end()))) {
    ctxloss::printVersion(llvm::outs());
    llvm::outs().flush();
  }
  std::string Flag;
  if (!ctxloss::hasResourceDirArg(
          std::vector<const char *>(Args.begin(), Args.end()),
          {"--resource-dir", "-resource-dir"})) {
    std::string Dir = ctxloss::findResourceDir(
        Argv[0], reinterpret_cast<void *>(&ctxloss::findResourceDir));
    if (!Dir.empty()) {
      Flag = "--resource-dir=" + Dir;
      Args.insert(Args.begin() + 1, Flag.data());
    }
  }
  // The program summary kept in the background (ClangdSummary.h). A
  // `--check` run exits before a refresh could land: it only reads.
  bool CheckMode = false;
  bool Delimited = false;
  llvm::StringRef CompileCommandsDir;
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg = llvm::StringRef(Args[I]).ltrim('-');
    CheckMode |= Arg == "check" || Arg.starts_with("check=");
    if (Arg == "lit-test" || Arg == "input-style=delimited")
      Delimited = true;
    else if (Arg == "input-style=standard")
      Delimited = false;
    if (Arg.consume_front("compile-commands-dir="))
      CompileCommandsDir = Arg;
    else if (Arg == "compile-commands-dir" && I + 1 < Args.size())
      CompileCommandsDir = Args[I + 1];
  }
  ctxloss::installClangdSummary(Argv[0], !CheckMode, CompileCommandsDir);
  // So that a summary landing re-checks the open files (LspInput.h).
  if (!CheckMode)
    ctxloss::interposeLspInput(Delimited);
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size() - 1),
                                   Args.data());
}
