//===--- TextReporter.cpp - Findings as clang-style diagnostics -----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/Reporters.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"

namespace ctxloss::cli {

namespace {

/// The lines of the files shown, read once each.
class SourceLines {
public:
  llvm::StringRef line(const summary::Location &Loc) {
    auto [It, New] = Files.try_emplace(Loc.File);
    if (New) {
      llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
          llvm::MemoryBuffer::getFile(Loc.File);
      if (Buffer) {
        It->second.Buffer = std::move(*Buffer);
        llvm::StringRef Text = It->second.Buffer->getBuffer();
        Text.split(It->second.Lines, '\n');
      }
    }
    const auto &Lines = It->second.Lines;
    if (Loc.Line == 0 || Loc.Line > Lines.size())
      return "";
    return Lines[Loc.Line - 1].rtrim("\r");
  }

private:
  struct File {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    llvm::SmallVector<llvm::StringRef, 0> Lines;
  };
  llvm::StringMap<File> Files;
};

} // namespace

static void writeOne(llvm::raw_ostream &OS, SourceLines &Sources,
                     const summary::Location &Loc, llvm::StringRef Kind,
                     llvm::StringRef Message, llvm::StringRef Check) {
  OS << Loc.str() << ": " << Kind << ": " << Message;
  if (!Check.empty())
    OS << " [" << Check << "]";
  OS << "\n";
  llvm::StringRef Line = Sources.line(Loc);
  if (Line.empty())
    return;
  OS << llvm::format("%5u", Loc.Line) << " | " << Line << "\n";
  std::string Caret(Loc.Column > 0 ? Loc.Column - 1 : 0, ' ');
  // Tabs keep their width under the caret.
  for (size_t I = 0; I < Caret.size() && I < Line.size(); ++I)
    if (Line[I] == '\t')
      Caret[I] = '\t';
  OS << "      | " << Caret << "^\n";
}

void writeText(llvm::ArrayRef<ProgramFinding> Findings, llvm::raw_ostream &OS) {
  SourceLines Sources;
  for (const ProgramFinding &F : Findings) {
    writeOne(OS, Sources, F.Loc, "warning", F.Message, F.Check);
    for (const ProgramNote &N : F.Notes)
      writeOne(OS, Sources, N.Loc, "note", N.Message, "");
  }
}

} // namespace ctxloss::cli
