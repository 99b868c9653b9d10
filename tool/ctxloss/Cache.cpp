//===--- Cache.cpp - Per-TU summaries kept between runs -------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/Cache.h"
#include "tool/Version.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <tuple>

namespace ctxloss::cli {

static std::string hex(uint64_t Hash) {
  return llvm::utohexstr(Hash, true, 16);
}

llvm::Error checkCacheDir(llvm::StringRef Dir) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return llvm::createStringError(EC, EC.message());
  if (!llvm::sys::fs::is_directory(Dir))
    return llvm::createStringError("not a directory");
  llvm::SmallString<256> Model(Dir);
  llvm::sys::path::append(Model, ".probe-%%%%%%%%");
  llvm::SmallString<256> Probe;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Probe))
    return llvm::createStringError(EC, EC.message());
  std::ignore = llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  std::ignore = llvm::sys::fs::remove(Probe);
  return llvm::Error::success();
}

std::optional<std::string> hashFile(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  return hashContent((*Buffer)->getBuffer());
}

std::string hashContent(llvm::StringRef Data) {
  return hex(llvm::xxh3_64bits(Data));
}

std::string SummaryCache::key(const clang::tooling::CompileCommand &Cmd,
                              llvm::StringRef OptionsFingerprint) {
  // The build too: a summary made by another build of the engine may say
  // other things within the same format.
  std::string Text = "ctxloss-summary " +
                     std::to_string(summary::FormatVersion) + " " +
                     fullVersion().str();
  for (llvm::StringRef Part :
       {llvm::StringRef(Cmd.Directory), llvm::StringRef(Cmd.Filename),
        OptionsFingerprint})
    Text += "\n" + Part.str();
  for (const std::string &Arg : Cmd.CommandLine)
    Text += "\n" + Arg;
  return hex(llvm::xxh3_64bits(Text));
}

std::string SummaryCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Key + ".json");
  return std::string(Path);
}

std::optional<summary::Summary>
SummaryCache::lookup(llvm::StringRef Key) const {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(entryPath(Key));
  if (!Buffer)
    return std::nullopt;
  llvm::Expected<llvm::json::Value> Entry =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Entry) {
    llvm::consumeError(Entry.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *Top = Entry->getAsObject();
  const llvm::json::Array *Deps = Top ? Top->getArray("dependencies") : nullptr;
  const llvm::json::Value *Stored = Top ? Top->get("summary") : nullptr;
  if (!Deps || !Stored)
    return std::nullopt;
  for (const llvm::json::Value &Dep : *Deps) {
    const llvm::json::Object *D = Dep.getAsObject();
    std::optional<llvm::StringRef> Path =
        D ? D->getString("path") : std::nullopt;
    std::optional<llvm::StringRef> Hash =
        D ? D->getString("hash") : std::nullopt;
    if (!Path || !Hash || hashFile(*Path) != *Hash)
      return std::nullopt;
  }
  llvm::Expected<summary::Summary> S = summary::fromJSON(*Stored);
  if (!S) {
    llvm::consumeError(S.takeError());
    return std::nullopt;
  }
  return std::move(*S);
}

void SummaryCache::store(llvm::StringRef Key, const summary::Summary &S,
                         llvm::ArrayRef<std::string> Dependencies) const {
  llvm::json::Array Deps;
  for (const std::string &Path : Dependencies) {
    std::optional<std::string> Hash = hashFile(Path);
    if (!Hash)
      return;
    Deps.push_back(llvm::json::Object{{"path", Path}, {"hash", *Hash}});
  }
  if (llvm::sys::fs::create_directories(Dir))
    return;
  std::string Path = entryPath(Key);
  llvm::SmallString<256> Temp;
  int FD = -1;
  if (llvm::sys::fs::createUniqueFile(Path + ".tmp-%%%%%%%%", FD, Temp))
    return;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << llvm::json::Value(llvm::json::Object{
        {"dependencies", std::move(Deps)}, {"summary", summary::toJSON(S)}});
  }
  // The cache is best effort: an entry that cannot be stored is recomputed
  // next time, and a stray temporary is harmless.
  if (llvm::sys::fs::rename(Temp, Path))
    std::ignore = llvm::sys::fs::remove(Temp);
}

} // namespace ctxloss::cli
