//===--- EditSet.h - The text edits of one fix-it ---------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Collects the edits of one fix-it, which may touch several places and
/// files, and hands them out as FixItHints that never overlap: clang-tidy,
/// clang-apply-replacements and clangd all reject a fix whose replacements
/// conflict. Several insertions at one place are joined in the order they
/// were made; an edit made twice (the same text at the same place, as a
/// generic lambda's instantiations produce) counts once.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_EDITSET_H
#define CTXLOSS_FIXES_EDITSET_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallVector.h"
#include <map>
#include <string>
#include <vector>

namespace ctxloss::fixes {

class EditSet {
public:
  explicit EditSet(const clang::SourceManager &SM) : SM(SM) {}

  /// Inserts \p Text at \p Loc, after the text already inserted there.
  /// Fails (and spoils the set) when \p Loc is not a file location.
  bool insert(clang::SourceLocation Loc, llvm::StringRef Text);

  /// Replaces the characters of \p Range, a character range in one file.
  bool replace(clang::CharSourceRange Range, llvm::StringRef Text);

  /// False once an edit could not be made or two edits overlap.
  bool valid() const;
  bool empty() const { return Edits.empty(); }

  /// The edits as fix-it hints, in file order; empty when not valid().
  std::vector<clang::FixItHint> hints() const;

private:
  struct Edit {
    clang::SourceLocation Begin;
    unsigned Length = 0;
    llvm::SmallVector<std::string, 1> Inserted;
    std::string Replacement;
    bool Replaces = false;
  };

  const clang::SourceManager &SM;
  /// Keyed by the raw encoding of the edit's start: file locations of one
  /// file sort by offset.
  std::map<clang::SourceLocation::UIntTy, Edit> Edits;
  bool Spoiled = false;
};

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_EDITSET_H
