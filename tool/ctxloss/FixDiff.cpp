//===--- FixDiff.cpp - Fixes as unified diffs -----------------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The diff is built from the edits themselves rather than by comparing the
// two texts: each edit touches known lines of the old text, so the changed
// lines are exact and no general diff algorithm is needed. Edits on the same
// or adjacent lines make one change; lines both sides share at its ends are
// context, not change; changes closer than twice the context make one hunk.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/FixDiff.h"
#include "tool/ctxloss/Cache.h"
#include "tool/ctxloss/SourceRoot.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>
#include <map>

namespace ctxloss::cli {

namespace tooling = clang::tooling;

static constexpr unsigned ContextLines = 3;

namespace {

/// A text split into lines, each with its '\n' (the last maybe without).
struct Lines {
  explicit Lines(llvm::StringRef Text) {
    while (!Text.empty()) {
      size_t End = Text.find('\n');
      End = End == llvm::StringRef::npos ? Text.size() : End + 1;
      Starts.push_back(All.empty() ? 0 : Starts.back() + All.back().size());
      All.push_back(Text.take_front(End));
      Text = Text.drop_front(End);
    }
  }
  /// The line holding byte \p Offset (the last line for the end).
  unsigned lineOf(unsigned Offset) const {
    auto It = llvm::upper_bound(Starts, Offset);
    unsigned Line = It == Starts.begin() ? 0 : (It - Starts.begin()) - 1;
    return std::min<unsigned>(Line, All.empty() ? 0 : All.size() - 1);
  }
  std::vector<llvm::StringRef> All;
  std::vector<unsigned> Starts;
};

/// Old lines [Begin, End) become New.
struct Change {
  unsigned Begin, End;
  std::vector<std::string> New;
};

} // namespace

static void printLine(llvm::raw_ostream &OS, char Mark, llvm::StringRef Line) {
  OS << Mark << Line;
  if (!Line.ends_with("\n"))
    OS << "\n\\ No newline at end of file\n";
}

std::string unifiedDiff(llvm::StringRef Name, llvm::StringRef Old,
                        const tooling::Replacements &Edits) {
  Lines OldLines(Old);
  // Group the edits by the old lines they touch.
  struct Group {
    unsigned First, Last;
    std::vector<tooling::Replacement> Edits;
  };
  std::vector<Group> Groups;
  for (const tooling::Replacement &R : Edits) {
    unsigned First = OldLines.lineOf(R.getOffset());
    unsigned Last = OldLines.lineOf(
        R.getLength() ? R.getOffset() + R.getLength() - 1 : R.getOffset());
    if (!Groups.empty() && First <= Groups.back().Last + 1) {
      Groups.back().Last = std::max(Groups.back().Last, Last);
      Groups.back().Edits.push_back(R);
    } else {
      Groups.push_back({First, Last, {R}});
    }
  }
  std::vector<Change> Changes;
  for (const Group &G : Groups) {
    if (OldLines.All.empty()) {
      // An empty file: everything is new.
      std::string Text;
      for (const tooling::Replacement &R : G.Edits)
        Text += R.getReplacementText();
      Lines NewLines(Text);
      Changes.push_back({0, 0, {}});
      for (llvm::StringRef L : NewLines.All)
        Changes.back().New.push_back(L.str());
      continue;
    }
    unsigned Begin = OldLines.Starts[G.First];
    unsigned End = OldLines.Starts[G.Last] + OldLines.All[G.Last].size();
    std::string Chunk = Old.slice(Begin, End).str();
    // Apply from the last edit, so earlier offsets stay valid.
    for (auto It = G.Edits.rbegin(); It != G.Edits.rend(); ++It)
      Chunk.replace(It->getOffset() - Begin, It->getLength(),
                    It->getReplacementText().str());
    Lines NewLines(Chunk);
    std::vector<llvm::StringRef> OldPart(OldLines.All.begin() + G.First,
                                         OldLines.All.begin() + G.Last + 1);
    std::vector<llvm::StringRef> NewPart = NewLines.All;
    // Lines both sides share at the ends are context.
    unsigned Prefix = 0;
    while (Prefix < OldPart.size() && Prefix < NewPart.size() &&
           OldPart[Prefix] == NewPart[Prefix])
      ++Prefix;
    unsigned Suffix = 0;
    while (Suffix < OldPart.size() - Prefix &&
           Suffix < NewPart.size() - Prefix &&
           OldPart[OldPart.size() - 1 - Suffix] ==
               NewPart[NewPart.size() - 1 - Suffix])
      ++Suffix;
    if (Prefix + Suffix == OldPart.size() && OldPart.size() == NewPart.size())
      continue; // No change at all.
    Change C{G.First + Prefix,
             G.First + static_cast<unsigned>(OldPart.size()) - Suffix,
             {}};
    for (unsigned I = Prefix; I < NewPart.size() - Suffix; ++I)
      C.New.push_back(NewPart[I].str());
    Changes.push_back(std::move(C));
  }
  if (Changes.empty())
    return "";

  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "--- a/" << Name << "\n+++ b/" << Name << "\n";
  unsigned NumOld = OldLines.All.size();
  long Delta = 0; // New lines minus old lines before the current hunk.
  for (size_t I = 0; I < Changes.size();) {
    // The changes of this hunk: [I, J).
    size_t J = I + 1;
    while (J < Changes.size() &&
           Changes[J].Begin <= Changes[J - 1].End + (2 * ContextLines))
      ++J;
    unsigned From =
        Changes[I].Begin > ContextLines ? Changes[I].Begin - ContextLines : 0;
    unsigned To = std::min(NumOld, Changes[J - 1].End + ContextLines);
    unsigned OldCount = To - From;
    unsigned NewCount = OldCount;
    for (size_t K = I; K < J; ++K)
      NewCount = NewCount - (Changes[K].End - Changes[K].Begin) +
                 Changes[K].New.size();
    // A side without lines names the line before it (as diff -u does).
    OS << "@@ -" << (OldCount ? From + 1 : From) << "," << OldCount << " +"
       << (NewCount ? From + 1 + Delta : From + Delta) << "," << NewCount
       << " @@\n";
    unsigned Line = From;
    for (size_t K = I; K < J; ++K) {
      for (; Line < Changes[K].Begin; ++Line)
        printLine(OS, ' ', OldLines.All[Line]);
      for (; Line < Changes[K].End; ++Line)
        printLine(OS, '-', OldLines.All[Line]);
      for (const std::string &New : Changes[K].New)
        printLine(OS, '+', New);
      Delta += static_cast<long>(Changes[K].New.size()) -
               (Changes[K].End - Changes[K].Begin);
    }
    for (; Line < To; ++Line)
      printLine(OS, ' ', OldLines.All[Line]);
    I = J;
  }
  return Out;
}

llvm::Error writeFixDiffs(const FixPlan &Plan, llvm::StringRef Root,
                          llvm::raw_ostream &OS) {
  std::map<std::string, tooling::Replacements> ByFile;
  for (const tooling::Replacement &R : Plan.Edits)
    if (llvm::Error E = ByFile[R.getFilePath().str()].add(R))
      return E;
  for (const auto &[File, Edits] : ByFile) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return llvm::createStringError("cannot read '%s': %s", File.c_str(),
                                     Buffer.getError().message().c_str());
    auto Expected = Plan.Hashes.find(File);
    if (Expected == Plan.Hashes.end() ||
        Expected->second != hashContent((*Buffer)->getBuffer()))
      return llvm::createStringError(
          "'%s' changed since it was analysed: no diff shown (run ctxloss "
          "again)",
          File.c_str());
    OS << unifiedDiff(relativeTo(Root, File).value_or(File),
                      (*Buffer)->getBuffer(), Edits);
  }
  return llvm::Error::success();
}

} // namespace ctxloss::cli
