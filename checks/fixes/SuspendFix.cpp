//===--- SuspendFix.cpp - Copy-and-run fix for a coroutine ----------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/SuspendFix.h"
#include "checks/fixes/BodyScan.h"
#include "checks/fixes/Includes.h"
#include "checks/fixes/RestoreRecipe.h"
#include "checks/fixes/StorageSpelling.h"
#include "checks/fixes/TypeTraits.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace ctxloss::fixes {

/// The statement of a block that \p S is part of, and that block; none when
/// a non-block statement (a loop's or an `if`'s) holds \p S first.
static std::pair<const Stmt *, const CompoundStmt *>
enclosingStatement(const Stmt *S, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.size() != 1)
      return {};
    const Stmt *Parent = Parents[0].get<Stmt>();
    if (!Parent)
      return {};
    if (const auto *Block = dyn_cast<CompoundStmt>(Parent))
      return {Node.get<Stmt>(), Block};
    // Only expressions and declarations lead up to the statement.
    if (!isa<Expr>(Parent) && !isa<DeclStmt>(Parent))
      return {};
    Node = Parents[0];
  }
}

/// The whitespace that starts the line of \p Loc.
static std::string indentOf(SourceLocation Loc, const SourceManager &SM) {
  StringRef Buffer = SM.getBufferData(SM.getFileID(Loc));
  unsigned Offset = SM.getFileOffset(Loc);
  unsigned Start = Offset;
  while (Start > 0 && Buffer[Start - 1] != '\n')
    --Start;
  unsigned End = Start;
  while (End < Offset && (Buffer[End] == ' ' || Buffer[End] == '\t'))
    ++End;
  return Buffer.substr(Start, End - Start).str();
}

/// Where the text after statement \p S starts: past its `;`.
static SourceLocation afterStatement(const Stmt *S, const SourceManager &SM,
                                     const LangOptions &LangOpts) {
  if (isa<DeclStmt>(S))
    return Lexer::getLocForEndOfToken(S->getEndLoc(), 0, SM, LangOpts);
  return Lexer::findLocationAfterToken(S->getEndLoc(), tok::semi, SM, LangOpts,
                                       /*SkipTrailingWhitespaceAndNewLine=*/
                                       false);
}

static bool isBefore(const SourceManager &SM, SourceLocation L,
                     SourceLocation R) {
  return SM.isBeforeInTranslationUnit(L, R);
}

namespace {

/// Where and how both fixes take the frame local: before the top-level
/// statement of the coroutine's body that holds its first suspension that
/// may change thread.
struct SnapshotPoint {
  const CompoundStmt *Block = nullptr;
  const Stmt *Top = nullptr;
  llvm::StringSet<> Taken;
  StorageSpelling Spelled;
  RestoreRecipe Recipe;

  /// The declaration of the frame local, and the indentation after it.
  std::string declaration(const SourceManager &SM) const {
    return "auto " + Recipe.SnapshotName + " = " + Recipe.SnapshotExpr + ";\n" +
           indentOf(Top->getBeginLoc(), SM);
  }
};

} // namespace

static std::optional<SnapshotPoint>
findSnapshotPoint(const SuspendFinding &First, const TUAnalysis &Analysis,
                  const SourceManager &SM) {
  const auto *Body =
      dyn_cast_or_null<CoroutineBodyStmt>(First.Coroutine->getBody());
  if (!Body)
    return std::nullopt;
  SnapshotPoint P;
  P.Block = dyn_cast_or_null<CompoundStmt>(Body->getBody());
  if (!P.Block || P.Block->getBeginLoc().isMacroID() ||
      P.Block->getEndLoc().isMacroID())
    return std::nullopt;

  const auto *Var = First.Key.dyn_cast<const VarDecl *>();
  if (Var && (!isThreadLocal(Var) || !isCopyableValue(Var->getType())))
    return std::nullopt;

  for (const Stmt *Child : P.Block->body()) {
    SourceRange R = Child->getSourceRange();
    SourceLocation At = First.FirstSuspend->getBeginLoc();
    if (!isBefore(SM, At, R.getBegin()) && !isBefore(SM, R.getEnd(), At)) {
      P.Top = Child;
      break;
    }
  }
  if (!P.Top || P.Top->getBeginLoc().isMacroID())
    return std::nullopt;

  P.Taken = declaredNames(P.Block);
  if (Var) {
    std::string WhyNot;
    std::optional<StorageSpelling> Spelling =
        spellStorage(Var, nullptr, Analysis, P.Taken, WhyNot);
    if (!Spelling)
      return std::nullopt;
    P.Spelled = *Spelling;
  }
  std::optional<RestoreRecipe> Recipe =
      recipeFor(First.Key, P.Spelled.InTask, P.Spelled.Snapshot, P.Taken,
                P.Spelled.ScopeClass);
  if (!Recipe)
    return std::nullopt;
  P.Recipe = *Recipe;
  return P;
}

FixOption buildSuspendFix(llvm::ArrayRef<const SuspendFinding *> Findings,
                          const TUAnalysis &Analysis, ASTContext &Ctx) {
  if (Findings.empty())
    return FixOption::declined();
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LangOpts = Ctx.getLangOpts();
  const SuspendFinding &First = *Findings.front();
  std::optional<SnapshotPoint> Point = findSnapshotPoint(First, Analysis, SM);
  if (!Point)
    return FixOption::declined();
  const Stmt *Top = Point->Top;
  const CompoundStmt *Block = Point->Block;
  llvm::StringSet<> &Taken = Point->Taken;
  std::optional<RestoreRecipe> Recipe = Point->Recipe;
  auto MakeRecipe = [&] {
    return recipeFor(First.Key, Point->Spelled.InTask, Point->Spelled.Snapshot,
                     Taken, Point->Spelled.ScopeClass);
  };

  FixOption Fix;
  Fix.Hints.push_back(
      FixItHint::CreateInsertion(Top->getBeginLoc(), Point->declaration(SM)));
  llvm::SmallPtrSet<const Stmt *, 2> Restored;
  unsigned GuardIndex = 0;
  for (const SuspendFinding *F : Findings) {
    if (F->NextIteration || F->Alias)
      return FixOption::declined();
    auto [Statement, Within] = enclosingStatement(F->Suspend, Ctx);
    if (!Statement || Statement->getBeginLoc().isMacroID() ||
        Statement->getEndLoc().isMacroID())
      return FixOption::declined();
    // The read must come after the statement, in its block.
    SourceLocation Use = SM.getExpansionLoc(F->reportedAt()->getBeginLoc());
    if (!F->Path.empty())
      Use = SM.getExpansionLoc(F->Path.front()->Site->getBeginLoc());
    if (!isBefore(SM, Statement->getEndLoc(), Use) ||
        isBefore(SM, Within->getEndLoc(), Use))
      return FixOption::declined();
    if (!Restored.insert(Statement).second)
      continue;
    SourceLocation After = afterStatement(Statement, SM, LangOpts);
    if (After.isInvalid())
      return FixOption::declined();
    std::string Restore = Recipe->RestoreStmt;
    // Each restore after another suspension of the same block needs a name
    // of its own.
    if (GuardIndex++ > 0) {
      std::optional<RestoreRecipe> Again = MakeRecipe();
      if (!Again)
        return FixOption::declined();
      Restore = Again->RestoreStmt;
      // Restored from the one snapshot.
      size_t At = Restore.find(Again->SnapshotName);
      if (At == std::string::npos)
        return FixOption::declined();
      Restore.replace(At, Again->SnapshotName.size(), Recipe->SnapshotName);
    }
    Fix.Hints.push_back(FixItHint::CreateInsertion(
        After, "\n" + indentOf(Statement->getBeginLoc(), SM) + Restore));
  }
  Fix.HeaderFile = SM.getFileID(SM.getExpansionLoc(Block->getBeginLoc()));
  // Headers the file includes already, in whichever spelling.
  if (!Recipe->Header.empty() &&
      !includesHeader(SM, Fix.HeaderFile, Recipe->Header))
    Fix.Headers.push_back(Recipe->Header);
  return Fix;
}

FixOption buildSuspendFrameLocalFix(
    llvm::ArrayRef<const SuspendFinding *> Findings, const TUAnalysis &Analysis,
    ASTContext &Ctx, llvm::function_ref<bool(const CallEdge &)> LeadsToRead) {
  if (Findings.empty())
    return FixOption::declined();
  const SourceManager &SM = Ctx.getSourceManager();
  const SuspendFinding &First = *Findings.front();
  const auto *Var = First.Key.dyn_cast<const VarDecl *>();
  const FunctionSummary *S = Analysis.summaryOf(First.Coroutine);
  if (!Var || !S || S->writes(Var))
    return FixOption::declined();
  for (const SuspendFinding *F : Findings)
    if (F->Alias || F->NextIteration || !F->Path.empty() || !F->Read ||
        F->Read->External || F->Read->DefaultArg)
      return FixOption::declined();
  std::optional<SnapshotPoint> Point = findSnapshotPoint(First, Analysis, SM);
  if (!Point)
    return FixOption::declined();
  SourceLocation From = Point->Top->getBeginLoc();
  auto After = [&](const Stmt *Use) {
    return !isBefore(SM, SM.getExpansionLoc(Use->getBeginLoc()), From);
  };
  // Every later call must lead to no read: the copy replaces reads in the
  // body only (a call chain is copy-and-run's, or needs parameters).
  for (const CallEdge &Call : S->Calls)
    if (After(Call.Site) && LeadsToRead(Call))
      return FixOption::declined();

  FixOption Fix;
  Fix.Hints.push_back(FixItHint::CreateInsertion(From, Point->declaration(SM)));
  for (const ContextRead &Read : S->Reads) {
    if (Read.Key != First.Key || !After(Read.evaluatedAt()))
      continue;
    const auto *Ref = dyn_cast<DeclRefExpr>(Read.Ref->IgnoreParenImpCasts());
    if (!Ref || Read.External || Read.DefaultArg || Read.Accessor ||
        Ref->getBeginLoc().isMacroID() || Ref->getEndLoc().isMacroID())
      return FixOption::declined();
    Fix.Hints.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Ref->getSourceRange()),
        Point->Recipe.SnapshotName));
  }
  return Fix;
}

} // namespace ctxloss::fixes
