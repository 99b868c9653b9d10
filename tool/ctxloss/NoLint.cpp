//===--- NoLint.cpp - NOLINT comments, as clang-tidy reads them -----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/NoLint.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cstdint>

namespace ctxloss::cli {

namespace {

enum class NoLintType : std::uint8_t { NoLint, NextLine, Begin, End };

/// One directive: where it starts and the checks it names (none: all).
struct Directive {
  NoLintType Type;
  size_t Pos;
  std::optional<std::string> Checks;

  bool suppresses(llvm::StringRef Check) const {
    // Negative globs are ignored, as clang-tidy does.
    return clang::tidy::GlobList(Checks.value_or("*"),
                                 /*KeepNegativeGlobs=*/false)
        .contains(Check);
  }
};

struct Block {
  Directive Begin;
  size_t EndPos;
};

} // namespace

struct NoLintFilter::FileDirectives {
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  /// The offset of the start of each line; line N starts at LineStarts[N-1].
  std::vector<size_t> LineStarts;
  std::vector<Directive> All;
  std::vector<Block> Blocks;
};

static std::optional<NoLintType> noLintType(llvm::StringRef Word) {
  return llvm::StringSwitch<std::optional<NoLintType>>(Word)
      .Case("NOLINT", NoLintType::NoLint)
      .Case("NOLINTNEXTLINE", NoLintType::NextLine)
      .Case("NOLINTBEGIN", NoLintType::Begin)
      .Case("NOLINTEND", NoLintType::End)
      .Default(std::nullopt);
}

/// The check list with the whitespace around each entry removed.
static std::string trimWhitespace(llvm::StringRef Checks) {
  llvm::SmallVector<llvm::StringRef> Split;
  Checks.split(Split, ',');
  for (llvm::StringRef &Check : Split)
    Check = Check.trim();
  return llvm::join(Split, ",");
}

/// Every directive in \p Buffer, in order, read as clang-tidy reads them:
/// wherever the text `NOLINT` appears.
static std::vector<Directive> findDirectives(llvm::StringRef Buffer) {
  static constexpr llvm::StringLiteral Marker = "NOLINT";
  std::vector<Directive> Found;
  size_t Pos = 0;
  while (Pos < Buffer.size()) {
    size_t Start = Buffer.find(Marker, Pos);
    if (Start == llvm::StringRef::npos)
      break;
    Pos = Start + Marker.size();
    while (Pos < Buffer.size() && llvm::isAlpha(Buffer[Pos]))
      ++Pos;
    std::optional<NoLintType> Type = noLintType(Buffer.slice(Start, Pos));
    if (!Type)
      continue;
    std::optional<std::string> Checks;
    if (Pos < Buffer.size() && Buffer[Pos] == '(') {
      size_t Close = Buffer.find_first_of("\n)", ++Pos);
      if (Close != llvm::StringRef::npos && Buffer[Close] == ')') {
        Checks = trimWhitespace(Buffer.slice(Pos, Close));
        Pos = Close + 1;
      }
    }
    Found.push_back({*Type, Start, std::move(Checks)});
  }
  return Found;
}

/// The NOLINTBEGIN/NOLINTEND pairs: an END closes the innermost open BEGIN
/// when their check lists are the same; anything else is unmatched and
/// suppresses nothing.
static std::vector<Block> formBlocks(llvm::ArrayRef<Directive> All) {
  std::vector<Block> Blocks;
  llvm::SmallVector<Directive, 4> Open;
  for (const Directive &D : All) {
    if (D.Type == NoLintType::Begin)
      Open.push_back(D);
    else if (D.Type == NoLintType::End && !Open.empty() &&
             Open.back().Checks == D.Checks)
      Blocks.push_back({Open.pop_back_val(), D.Pos});
  }
  return Blocks;
}

NoLintFilter::NoLintFilter() = default;
NoLintFilter::~NoLintFilter() = default;

const NoLintFilter::FileDirectives *
NoLintFilter::directives(llvm::StringRef File) {
  auto [It, Inserted] = Files.try_emplace(File);
  if (!Inserted)
    return It->second.get();
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return nullptr;
  auto D = std::make_unique<FileDirectives>();
  D->Buffer = std::move(*Buffer);
  llvm::StringRef Text = D->Buffer->getBuffer();
  D->LineStarts.push_back(0);
  for (size_t I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n')
      D->LineStarts.push_back(I + 1);
  D->All = findDirectives(Text);
  D->Blocks = formBlocks(D->All);
  It->second = std::move(D);
  return It->second.get();
}

bool NoLintFilter::suppresses(const summary::Location &Loc,
                              llvm::StringRef Check) {
  const FileDirectives *D = directives(Loc.File);
  if (!D || Loc.Line == 0 || Loc.Line > D->LineStarts.size())
    return false;
  size_t Size = D->Buffer->getBufferSize();
  auto LineRange = [&](unsigned Line) {
    size_t Begin = D->LineStarts[Line - 1];
    size_t End = Line < D->LineStarts.size() ? D->LineStarts[Line] : Size;
    return std::make_pair(Begin, End);
  };
  auto On = [&](unsigned Line, NoLintType Type) {
    std::pair<size_t, size_t> Range = LineRange(Line);
    size_t Begin = Range.first;
    size_t End = Range.second;
    return llvm::any_of(D->All, [&](const Directive &Dir) {
      return Dir.Type == Type && Dir.Pos >= Begin && Dir.Pos < End &&
             Dir.suppresses(Check);
    });
  };
  if (On(Loc.Line, NoLintType::NoLint))
    return true;
  if (Loc.Line > 1 && On(Loc.Line - 1, NoLintType::NextLine))
    return true;
  size_t Pos = std::min(LineRange(Loc.Line).first + Loc.Column - 1, Size);
  return llvm::any_of(D->Blocks, [&](const Block &B) {
    return B.Begin.Pos <= Pos && Pos <= B.EndPos && B.Begin.suppresses(Check);
  });
}

} // namespace ctxloss::cli
