//===--- ClangdConfig.cpp - What .clangd files say of the database --------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ClangdConfig.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
#include "llvm/Support/raw_ostream.h"

namespace ctxloss {

namespace path = llvm::sys::path;

static std::optional<std::string> scalar(llvm::yaml::Node *N) {
  auto *S = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(N);
  if (!S)
    return std::nullopt;
  llvm::SmallString<64> Storage;
  return S->getValue(Storage).str();
}

std::optional<ConfiguredDatabase> parseClangdConfig(llvm::StringRef Yaml,
                                                    llvm::StringRef Dir) {
  llvm::SourceMgr SM;
  // A broken .clangd is clangd's to report; here it says nothing.
  SM.setDiagHandler([](const llvm::SMDiagnostic &, void *) {});
  llvm::yaml::Stream Stream(Yaml, SM);
  std::optional<ConfiguredDatabase> Result;
  for (llvm::yaml::Document &Doc : Stream) {
    auto *Top = llvm::dyn_cast_or_null<llvm::yaml::MappingNode>(Doc.getRoot());
    if (!Top)
      continue;
    std::optional<std::string> Value;
    bool Conditional = false;
    for (llvm::yaml::KeyValueNode &KV : *Top) {
      std::optional<std::string> Key = scalar(KV.getKey());
      if (!Key)
        continue;
      if (*Key == "If") {
        Conditional = true;
        continue;
      }
      auto *Flags =
          llvm::dyn_cast_or_null<llvm::yaml::MappingNode>(KV.getValue());
      if (*Key != "CompileFlags" || !Flags)
        continue;
      for (llvm::yaml::KeyValueNode &F : *Flags)
        if (scalar(F.getKey()) == "CompilationDatabase")
          Value = scalar(F.getValue());
    }
    if (Stream.failed())
      return Result;
    if (Conditional || !Value)
      continue;
    ConfiguredDatabase C;
    if (*Value == "Ancestors") {
      C.K = ConfiguredDatabase::Ancestors;
    } else if (*Value == "None") {
      C.K = ConfiguredDatabase::None;
    } else {
      C.K = ConfiguredDatabase::Directory;
      llvm::SmallString<256> P(*Value);
      if (!path::is_absolute(P)) {
        P = Dir;
        path::append(P, *Value);
      }
      path::remove_dots(P, /*remove_dot_dot=*/true);
      C.Dir = P.str().str();
    }
    Result = C;
  }
  return Result;
}

std::optional<ConfiguredDatabase> configuredDatabase(llvm::StringRef File) {
  // Outermost first: a nearer .clangd overrides.
  llvm::SmallVector<llvm::StringRef, 8> Dirs;
  for (llvm::StringRef D = path::parent_path(File); !D.empty();
       D = path::parent_path(D))
    Dirs.push_back(D);
  std::optional<ConfiguredDatabase> Result;
  for (llvm::StringRef D : llvm::reverse(Dirs)) {
    llvm::SmallString<256> Config(D);
    path::append(Config, ".clangd");
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        llvm::MemoryBuffer::getFile(Config, /*IsText=*/true);
    if (!Buffer)
      continue;
    if (std::optional<ConfiguredDatabase> C =
            parseClangdConfig((*Buffer)->getBuffer(), D))
      Result = C;
  }
  return Result;
}

} // namespace ctxloss
