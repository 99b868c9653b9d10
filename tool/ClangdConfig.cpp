//===--- ClangdConfig.cpp - What .clangd files say of the database --------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ClangdConfig.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
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

/// A scalar or a sequence of scalars (`PathMatch: a` is `PathMatch: [a]`).
static std::vector<std::string> scalars(llvm::yaml::Node *N) {
  std::vector<std::string> Out;
  if (std::optional<std::string> S = scalar(N)) {
    Out.push_back(std::move(*S));
  } else if (auto *Seq = llvm::dyn_cast_or_null<llvm::yaml::SequenceNode>(N)) {
    for (llvm::yaml::Node &Item : *Seq)
      if (std::optional<std::string> S = scalar(&Item))
        Out.push_back(std::move(*S));
  }
  return Out;
}

/// \p File relative to the fragment's directory \p Dir, with forward
/// slashes; empty when the file is not under it.
static std::string configRelative(llvm::StringRef File, llvm::StringRef Dir) {
  std::string F = path::convert_to_slash(File);
  std::string D = path::convert_to_slash(Dir);
  if (D.empty() || D.back() != '/')
    D += '/';
  llvm::StringRef Rel(F);
  if (!Rel.consume_front(D))
    return "";
  return Rel.str();
}

/// The patterns of \p Patterns that compile, anchored as clangd anchors
/// them (case-sensitive); one that does not is left out (clangd reports it).
static std::vector<llvm::Regex>
compilePatterns(const std::vector<std::string> &Patterns) {
  std::vector<llvm::Regex> Out;
  for (const std::string &P : Patterns) {
    llvm::Regex RE("^(" + P + ")$");
    std::string Error;
    if (RE.isValid(Error))
      Out.push_back(std::move(RE));
  }
  return Out;
}

/// Whether the `If:` block \p Conditions of a fragment in \p Dir holds for
/// \p File, as clangd decides: every condition must hold; a key clangd does
/// not know makes the fragment never apply; `PathMatch` holds when a
/// pattern matches the path relative to the fragment's directory (never for
/// a file outside it); `PathExclude` when none does (always for a file
/// outside it); a list without a valid pattern is no condition.
static bool conditionsHold(llvm::yaml::Node *Conditions, llvm::StringRef Dir,
                           llvm::StringRef File) {
  auto *Map = llvm::dyn_cast_or_null<llvm::yaml::MappingNode>(Conditions);
  if (!Map)
    return false;
  std::string Rel = configRelative(File, Dir);
  bool Holds = true;
  // To the end, never out of the middle: the YAML parser streams, and a
  // collection left half-read cannot be skipped (the rest of the document
  // would be misread).
  for (llvm::yaml::KeyValueNode &KV : *Map) {
    std::optional<std::string> Key = scalar(KV.getKey());
    bool Exclude = Key == "PathExclude";
    if (!Key || (!Exclude && *Key != "PathMatch")) {
      Holds = false;
      continue;
    }
    std::vector<llvm::Regex> Patterns = compilePatterns(scalars(KV.getValue()));
    if (Patterns.empty())
      continue;
    if (Rel.empty()) {
      Holds &= Exclude;
      continue;
    }
    bool Matched =
        llvm::any_of(Patterns, [&](llvm::Regex &RE) { return RE.match(Rel); });
    Holds &= Matched != Exclude;
  }
  return Holds;
}

std::optional<ConfiguredDatabase> parseClangdConfig(llvm::StringRef Yaml,
                                                    llvm::StringRef Dir,
                                                    llvm::StringRef File) {
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
    bool Applies = true;
    for (llvm::yaml::KeyValueNode &KV : *Top) {
      std::optional<std::string> Key = scalar(KV.getKey());
      if (!Key)
        continue;
      if (*Key == "If") {
        Applies = conditionsHold(KV.getValue(), Dir, File);
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
    if (!Applies || !Value)
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
            parseClangdConfig((*Buffer)->getBuffer(), D, File))
      Result = C;
  }
  return Result;
}

} // namespace ctxloss
