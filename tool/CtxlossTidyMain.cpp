//===--- CtxlossTidyMain.cpp - clang-tidy with the context checks ---------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// `ctxloss-tidy`: the upstream clang-tidy driver (every upstream module is
/// anchored by clangTidyMain) with the `context` module linked in.
///
//===----------------------------------------------------------------------===//

#include "clang-tidy/tool/ClangTidyMain.h"
#include "tool/ResourceDir.h"
#include "tool/Version.h"
#include "llvm/Support/CommandLine.h"
#include <string>
#include <vector>

int main(int Argc, const char **Argv) {
  // clang-tidy keeps LLVM's version printer: ours goes first, then LLVM's.
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    ctxloss::printVersion(OS);
    llvm::cl::PrintVersionMessage();
  });
  std::vector<const char *> Args(Argv, Argv + Argc);
  // Builtin headers are looked up beside the executable; in a build tree or
  // a non-LLVM prefix they are not there, so name them unless the user did.
  std::string Flag;
  if (!ctxloss::hasResourceDirArg(Args, {"--extra-arg=-resource-dir",
                                         "--extra-arg-before=-resource-dir",
                                         "-extra-arg=-resource-dir",
                                         "-extra-arg-before=-resource-dir"})) {
    std::string Dir = ctxloss::findResourceDir(
        Argv[0], reinterpret_cast<void *>(&ctxloss::findResourceDir));
    if (!Dir.empty()) {
      Flag = "--extra-arg-before=-resource-dir=" + Dir;
      Args.insert(Args.begin() + 1, Flag.c_str());
    }
  }
  return clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Args.data());
}
