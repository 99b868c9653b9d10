//===--- Version.cpp - The version of ctxloss -----------------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/Version.h"

namespace ctxloss {

llvm::StringRef semanticVersion() { return CTXLOSS_VERSION; }

llvm::StringRef fullVersion() { return CTXLOSS_VERSION_STRING; }

void printVersion(llvm::raw_ostream &OS) {
  OS << "ctxloss " << fullVersion() << "\n";
}

bool asksForVersion(llvm::ArrayRef<const char *> Args) {
  for (llvm::StringRef Arg : Args.drop_front()) {
    if (Arg == "--")
      return false;
    if (Arg == "--version" || Arg == "-version")
      return true;
  }
  return false;
}

} // namespace ctxloss
