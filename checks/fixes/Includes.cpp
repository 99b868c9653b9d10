//===--- Includes.cpp - Which headers a file already includes -------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/Includes.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace ctxloss::fixes {

bool includesHeader(const SourceManager &SM, FileID File,
                    llvm::StringRef Header) {
  Header = Header.trim("<>\"");
  for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
    const SrcMgr::SLocEntry &Entry = SM.getLocalSLocEntry(I);
    if (!Entry.isFile())
      continue;
    SourceLocation IncludedFrom = Entry.getFile().getIncludeLoc();
    if (IncludedFrom.isInvalid() || SM.getFileID(IncludedFrom) != File)
      continue;
    OptionalFileEntryRef Ref = Entry.getFile().getContentCache().OrigEntry;
    if (!Ref)
      continue;
    llvm::StringRef Name = Ref->getName();
    if (Name == Header ||
        (Name.ends_with(Header) &&
         llvm::sys::path::is_separator(Name[Name.size() - Header.size() - 1])))
      return true;
  }
  return false;
}

} // namespace ctxloss::fixes
