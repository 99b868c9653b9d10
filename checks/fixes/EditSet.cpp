//===--- EditSet.cpp - The text edits of one fix-it -----------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/EditSet.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace ctxloss::fixes {

bool EditSet::insert(SourceLocation Loc, llvm::StringRef Text) {
  if (Loc.isInvalid() || Loc.isMacroID()) {
    Spoiled = true;
    return false;
  }
  Edit &E = Edits[Loc.getRawEncoding()];
  E.Begin = Loc;
  if (!llvm::is_contained(E.Inserted, Text))
    E.Inserted.push_back(Text.str());
  return true;
}

bool EditSet::replace(CharSourceRange Range, llvm::StringRef Text) {
  SourceLocation Begin = Range.getBegin();
  SourceLocation End = Range.getEnd();
  if (!Range.isCharRange() || Begin.isInvalid() || End.isInvalid() ||
      Begin.isMacroID() || End.isMacroID() ||
      SM.getFileID(Begin) != SM.getFileID(End) ||
      SM.getFileOffset(End) < SM.getFileOffset(Begin)) {
    Spoiled = true;
    return false;
  }
  Edit &E = Edits[Begin.getRawEncoding()];
  unsigned Length = SM.getFileOffset(End) - SM.getFileOffset(Begin);
  if (E.Replaces && (E.Length != Length || E.Replacement != Text)) {
    Spoiled = true;
    return false;
  }
  E.Begin = Begin;
  E.Length = Length;
  E.Replacement = Text.str();
  E.Replaces = true;
  return true;
}

bool EditSet::valid() const {
  if (Spoiled)
    return false;
  // An edit must end before the next one in the same file starts.
  const Edit *Prev = nullptr;
  for (const auto &[Key, E] : Edits) {
    if (Prev && SM.getFileID(Prev->Begin) == SM.getFileID(E.Begin) &&
        SM.getFileOffset(Prev->Begin) + Prev->Length >
            SM.getFileOffset(E.Begin))
      return false;
    Prev = &E;
  }
  return true;
}

std::vector<FixItHint> EditSet::hints() const {
  std::vector<FixItHint> Hints;
  if (!valid())
    return Hints;
  for (const auto &[Key, E] : Edits) {
    std::string Text;
    for (const std::string &Inserted : E.Inserted)
      Text += Inserted;
    Text += E.Replacement;
    if (E.Length == 0)
      Hints.push_back(FixItHint::CreateInsertion(E.Begin, Text));
    else
      Hints.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getCharRange(E.Begin,
                                        E.Begin.getLocWithOffset(E.Length)),
          Text));
  }
  return Hints;
}

} // namespace ctxloss::fixes
