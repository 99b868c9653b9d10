//===--- Spelling.cpp - How fix-its spell names and find text -------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/Spelling.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace ctxloss::fixes {

static PrintingPolicy writtenPolicy(const ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Policy.FullyQualifiedName = true;
  return Policy;
}

bool isSpellableAnywhere(const VarDecl *Var) {
  const DeclContext *DC = Var->getDeclContext()->getRedeclContext();
  return DC->isFileContext() || DC->isRecord();
}

std::string spellVariable(const VarDecl *Var, bool Global) {
  if (!isSpellableAnywhere(Var))
    return Var->getName().str();
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  if (Global)
    OS << "::";
  Var->printQualifiedName(OS, writtenPolicy(Var->getASTContext()));
  return Name;
}

std::string spellVariableAvoiding(const VarDecl *Var,
                                  const llvm::StringSet<> &Taken) {
  std::string Spelling = spellVariable(Var);
  llvm::StringRef First = llvm::StringRef(Spelling).split("::").first;
  if (Taken.contains(First) && isSpellableAnywhere(Var))
    return spellVariable(Var, /*Global=*/true);
  return Spelling;
}

std::string spellType(QualType T, const ASTContext &Ctx) {
  return TypeName::getFullyQualifiedName(T, Ctx, writtenPolicy(Ctx),
                                         /*WithGlobalNsPrefix=*/false);
}

std::string uniqueName(llvm::StringRef Base, llvm::StringSet<> &Taken) {
  std::string Name = Base.str();
  for (unsigned I = 1; Taken.contains(Name); ++I)
    Name = (Base + "_" + llvm::Twine(I)).str();
  Taken.insert(Name);
  return Name;
}

llvm::StringSet<> identifiersIn(SourceRange Range, const ASTContext &Ctx) {
  llvm::StringSet<> Names;
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Chars = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Range), SM, Ctx.getLangOpts());
  if (Chars.isInvalid())
    return Names;
  std::pair<FileID, unsigned> Begin = SM.getDecomposedLoc(Chars.getBegin());
  unsigned End = SM.getFileOffset(Chars.getEnd());
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(Begin.first, &Invalid);
  if (Invalid || End > Buffer.size())
    return Names;
  Lexer Lex(SM.getLocForStartOfFile(Begin.first), Ctx.getLangOpts(),
            Buffer.begin(), Buffer.begin() + Begin.second,
            Buffer.begin() + End);
  Token Tok;
  while (!Lex.LexFromRawLexer(Tok)) {
    if (Tok.is(tok::raw_identifier))
      Names.insert(Tok.getRawIdentifier());
  }
  if (Tok.is(tok::raw_identifier))
    Names.insert(Tok.getRawIdentifier());
  return Names;
}

std::optional<CharSourceRange> writtenRange(const Expr *E,
                                            const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange R = E->getSourceRange();
  if (R.isInvalid() || R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return std::nullopt;
  CharSourceRange Chars = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(R), SM, Ctx.getLangOpts());
  if (Chars.isInvalid())
    return std::nullopt;
  return Chars;
}

std::optional<std::string> writtenText(const Expr *E, const ASTContext &Ctx) {
  std::optional<CharSourceRange> Range = writtenRange(E, Ctx);
  if (!Range)
    return std::nullopt;
  bool Invalid = false;
  StringRef Text = Lexer::getSourceText(*Range, Ctx.getSourceManager(),
                                        Ctx.getLangOpts(), &Invalid);
  if (Invalid)
    return std::nullopt;
  return Text.str();
}

std::string lineIndentation(SourceLocation Loc, const SourceManager &SM) {
  Loc = SM.getExpansionLoc(Loc);
  std::pair<FileID, unsigned> Pos = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(Pos.first, &Invalid);
  if (Invalid)
    return "";
  StringRef Before = Buffer.substr(0, Pos.second);
  size_t NewLine = Before.rfind('\n');
  StringRef Line =
      NewLine == StringRef::npos ? Before : Before.substr(NewLine + 1);
  return Line.take_while([](char C) { return C == ' ' || C == '\t'; }).str();
}

bool onSameLine(SourceLocation A, SourceLocation B, const SourceManager &SM) {
  A = SM.getExpansionLoc(A);
  B = SM.getExpansionLoc(B);
  return SM.getFileID(A) == SM.getFileID(B) &&
         SM.getSpellingLineNumber(A) == SM.getSpellingLineNumber(B);
}

} // namespace ctxloss::fixes
