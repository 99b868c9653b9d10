//===--- RestoreAnalysis.cpp - Writes that dominate a use -----------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/RestoreAnalysis.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ctxloss {

struct RestoreAnalysis::FunctionCFG {
  std::unique_ptr<CFG> Graph;
  CFGDomTree Dominators;
  /// Where each statement is evaluated: its block and its index there.
  llvm::DenseMap<const Stmt *, std::pair<const CFGBlock *, unsigned>> Position;
};

RestoreAnalysis::RestoreAnalysis(ASTContext &Ctx) : Ctx(Ctx) {}
RestoreAnalysis::~RestoreAnalysis() = default;

RestoreAnalysis::FunctionCFG *RestoreAnalysis::getCFG(const Decl *Fn) {
  auto [It, Inserted] = CFGs.try_emplace(Fn);
  if (!Inserted)
    return It->second.get();
  CFG::BuildOptions Options;
  // Every subexpression becomes an element, so that a use and a write in
  // one block are ordered as they are evaluated.
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph = CFG::buildCFG(Fn, Fn->getBody(), &Ctx, Options);
  if (!Graph)
    return nullptr;
  auto Result = std::make_unique<FunctionCFG>();
  Result->Graph = std::move(Graph);
  Result->Dominators.buildDominatorTree(Result->Graph.get());
  for (const CFGBlock *Block : *Result->Graph) {
    unsigned Index = 0;
    for (const CFGElement &Element : *Block) {
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        Result->Position.try_emplace(S->getStmt(), Block, Index);
      ++Index;
    }
  }
  It->second = std::move(Result);
  return It->second.get();
}

bool RestoreAnalysis::dominates(FunctionCFG &G, const Stmt *Write,
                                const Stmt *Use) const {
  auto WritePos = G.Position.find(Write);
  auto UsePos = G.Position.find(Use);
  if (WritePos == G.Position.end() || UsePos == G.Position.end())
    return false;
  auto [WriteBlock, WriteIndex] = WritePos->second;
  auto [UseBlock, UseIndex] = UsePos->second;
  if (WriteBlock == UseBlock)
    return WriteIndex < UseIndex;
  return G.Dominators.dominates(WriteBlock, UseBlock);
}

/// Whether \p Use is written inside \p Scope: a guard's restore ends with
/// its scope.
bool RestoreAnalysis::contains(const Stmt *Scope, const Stmt *Use) const {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange Range = Scope->getSourceRange();
  // A default argument is evaluated where it is used.
  const auto *Default = dyn_cast<CXXDefaultArgExpr>(Use);
  SourceLocation At = SM.getExpansionLoc(Default ? Default->getUsedLocation()
                                                 : Use->getBeginLoc());
  SourceLocation Begin = SM.getExpansionLoc(Range.getBegin());
  SourceLocation End = SM.getExpansionLoc(Range.getEnd());
  return !SM.isBeforeInTranslationUnit(At, Begin) &&
         !SM.isBeforeInTranslationUnit(End, At);
}

/// Whether a call ending the restore \p W (`PyContext_Exit`) comes after
/// it on every path and before \p Use.
bool RestoreAnalysis::isEndedBetween(FunctionCFG &G, const FunctionSummary &S,
                                     const ContextWrite &W, const Stmt *Use) {
  return llvm::any_of(S.Writes, [&](const ContextWrite &End) {
    return End.Ends && End.Key == W.Key && dominates(G, W.At, End.At) &&
           dominates(G, End.At, Use);
  });
}

void RestoreAnalysis::externalCallsBefore(
    const FunctionSummary &S, const Stmt *Use,
    llvm::SmallVectorImpl<const CallEdge *> &Out) {
  if (S.ExternalCalls.empty())
    return;
  FunctionCFG *G = getCFG(S.Fn);
  if (!G)
    return;
  for (const CallEdge &E : S.ExternalCalls) {
    if (E.Site == Use || (isa<CXXConstructExpr>(E.Site) &&
                          (!E.Scope || !contains(E.Scope, Use))))
      continue;
    if (dominates(*G, E.Site, Use))
      Out.push_back(&E);
  }
}

bool RestoreAnalysis::isEvaluatedBefore(const Decl *Fn, const Stmt *First,
                                        const Stmt *Use) {
  FunctionCFG *G = getCFG(Fn);
  return G && dominates(*G, First, Use);
}

/// Whether \p Block leaves the function abnormally: it throws, or calls a
/// function that does not return.
static bool exitsAbnormally(const CFGBlock &Block) {
  if (Block.hasNoReturnElement())
    return true;
  for (const CFGElement &Element : llvm::reverse(Block))
    if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
      return isa<CXXThrowExpr>(S->getStmt());
  return false;
}

bool RestoreAnalysis::isAlwaysFollowedBy(const Decl *Fn, const Stmt *From,
                                         llvm::ArrayRef<const Stmt *> Stops) {
  FunctionCFG *G = getCFG(Fn);
  if (!G)
    return false;
  auto Start = G->Position.find(From);
  if (Start == G->Position.end())
    return false;
  // Where each stop is evaluated, by block.
  llvm::DenseMap<const CFGBlock *, llvm::SmallVector<unsigned, 1>> StopsIn;
  for (const Stmt *Stop : Stops) {
    auto It = G->Position.find(Stop);
    if (It != G->Position.end())
      StopsIn[It->second.first].push_back(It->second.second);
  }
  // Whether a stop in \p Block comes at or after \p Index.
  auto StopsAfter = [&](const CFGBlock *Block, unsigned Index) {
    auto It = StopsIn.find(Block);
    return It != StopsIn.end() &&
           llvm::any_of(It->second, [Index](unsigned I) { return I >= Index; });
  };
  // A search over the blocks a path from From reaches before a stop.
  auto [FromBlock, FromIndex] = Start->second;
  if (StopsAfter(FromBlock, FromIndex + 1))
    return true;
  llvm::SmallPtrSet<const CFGBlock *, 16> Seen;
  llvm::SmallVector<const CFGBlock *, 16> Work{FromBlock};
  const CFGBlock *Exit = &G->Graph->getExit();
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    if (exitsAbnormally(*Block))
      continue;
    for (const CFGBlock *Next : Block->succs()) {
      if (!Next || !Seen.insert(Next).second || StopsAfter(Next, 0))
        continue;
      if (Next == Exit)
        return false;
      Work.push_back(Next);
    }
  }
  return true;
}

bool RestoreAnalysis::isRestoredBefore(const FunctionSummary &S, ContextKey Key,
                                       const WriterSet &Writers,
                                       const Stmt *Use) {
  // Cheap exits first: most functions write nothing.
  auto IsWrite = [&](const ContextWrite &W) { return W.Key == Key && !W.Ends; };
  auto IsWriterCall = [&](const CallEdge &E) {
    return E.Site != Use && Writers.contains(E.Callee);
  };
  auto IsExternalRestore = [&](const CallEdge &E) {
    if (E.Site == Use)
      return false;
    auto It = External.find(E.Site);
    return It != External.end() && llvm::is_contained(It->second, Key);
  };
  if (llvm::none_of(S.Writes, IsWrite) &&
      llvm::none_of(S.Calls, IsWriterCall) &&
      llvm::none_of(S.ExternalCalls, IsExternalRestore))
    return false;
  FunctionCFG *G = getCFG(S.Fn);
  if (!G)
    return false;
  return llvm::any_of(S.Writes,
                      [&](const ContextWrite &W) {
                        return IsWrite(W) && dominates(*G, W.At, Use) &&
                               (!W.Scope || contains(W.Scope, Use)) &&
                               !isEndedBetween(*G, S, W, Use);
                      }) ||
         llvm::any_of(S.Calls,
                      [&](const CallEdge &E) {
                        // A local object restores for its scope; a temporary,
                        // nothing.
                        if (isa<CXXConstructExpr>(E.Site) &&
                            (!E.Scope || !contains(E.Scope, Use)))
                          return false;
                        return IsWriterCall(E) && dominates(*G, E.Site, Use);
                      }) ||
         llvm::any_of(S.ExternalCalls, [&](const CallEdge &E) {
           if (isa<CXXConstructExpr>(E.Site) &&
               (!E.Scope || !contains(E.Scope, Use)))
             return false;
           return IsExternalRestore(E) && dominates(*G, E.Site, Use);
         });
}

} // namespace ctxloss
