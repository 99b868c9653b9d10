//===--- TUAnalysis.cpp - Context loss in one translation unit ------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/TUAnalysis.h"
#include "checks/analysis/CallableResolver.h"
#include "checks/analysis/Reachability.h"
#include "checks/analysis/RestoreAnalysis.h"
#include "checks/analysis/SummaryBuilder.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"

using namespace clang;

namespace ctxloss {

TUAnalysis::TUAnalysis(ASTContext &Ctx, const AnalysisOptions &Options)
    : Ctx(Ctx), Options(Options),
      Spawns(Options.SpawnFunctions, Options.Pools) {}

TUAnalysis::~TUAnalysis() = default;

static bool isAnalyzable(const FunctionDecl *Fn) {
  if (!Fn || !Fn->hasBody() || Fn->isDependentContext() || Fn->isInvalidDecl())
    return false;
  const SourceManager &SM = Fn->getASTContext().getSourceManager();
  return !SM.isInSystemHeader(SM.getExpansionLoc(Fn->getLocation()));
}

void TUAnalysis::addFunction(const FunctionDecl *Fn) {
  if (isAnalyzable(Fn) && !Summaries.contains(Fn))
    Pending.push_back(Fn);
}

const FunctionSummary *TUAnalysis::summarize(const FunctionDecl *Fn) {
  auto It = Summaries.find(Fn);
  return It == Summaries.end() ? nullptr : It->second.get();
}

void TUAnalysis::summarizePending() {
  // A worklist, not recursion: call chains may be arbitrarily long.
  llvm::SmallVector<const FunctionDecl *, 8> Entries;
  while (!Pending.empty()) {
    const FunctionDecl *Fn = Pending.back();
    Pending.pop_back();
    if (Summaries.contains(Fn))
      continue;
    auto S = std::make_unique<FunctionSummary>(summarizeFunction(Fn, Spawns));
    for (const CallEdge &Edge : S->Calls)
      addFunction(Edge.Callee);
    for (const FunctionDecl *Lambda : S->Lambdas)
      addFunction(Lambda);
    for (const SpawnSite &Spawn : S->Spawns) {
      Entries.clear();
      for (const Expr *Callable : Spawn.Callables)
        resolveCallable(Callable, Entries);
      for (const FunctionDecl *Entry : Entries)
        addFunction(Entry);
    }
    Summaries.try_emplace(Fn, std::move(S));
  }
}

std::vector<LostContext> TUAnalysis::run() {
  summarizePending();

  // Which thread-locals are context, from every use seen.
  ContextModel Model(Options.Context);
  llvm::SmallVector<const FunctionSummary *, 0> All;
  llvm::SetVector<const VarDecl *> ReadVars;
  for (const auto &[Fn, S] : Summaries) {
    All.push_back(S.get());
    for (const ContextRead &Read : S->Reads) {
      Model.noteRead(Read.Var, Fn);
      ReadVars.insert(Read.Var);
    }
    for (const ContextWrite &Write : S->Writes)
      Model.noteWrite(Write.Var, Fn);
  }

  std::vector<LostContext> Findings;
  bool HasSpawns = llvm::any_of(
      All, [](const FunctionSummary *S) { return !S->Spawns.empty(); });
  if (!HasSpawns)
    return Findings;

  CallGraphIndex Graph(All);
  RestoreAnalysis Restores(Ctx);
  const SourceManager &SM = Ctx.getSourceManager();
  // One finding per spawn site as written and variable: template
  // instantiations share the spawn's location.
  llvm::DenseSet<std::pair<SourceLocation, const VarDecl *>> Reported;
  llvm::SmallVector<const FunctionDecl *, 4> Entries;

  for (const VarDecl *Var : ReadVars) {
    if (!Model.isContext(Var))
      continue;
    WriterSet Writers = findWriters(Var, Graph);
    ReadPaths Paths = findReadPaths(Var, Graph, Writers, Restores);
    if (Paths.empty())
      continue;
    for (const FunctionSummary *S : All) {
      for (const SpawnSite &Spawn : S->Spawns) {
        Entries.clear();
        for (const Expr *Callable : Spawn.Callables)
          resolveCallable(Callable, Entries);
        const FunctionDecl *Best = nullptr;
        unsigned BestDistance = 0;
        for (const FunctionDecl *Entry : Entries) {
          auto It = Paths.find(Entry);
          if (It != Paths.end() &&
              (!Best || It->second.Distance < BestDistance)) {
            Best = Entry;
            BestDistance = It->second.Distance;
          }
        }
        if (!Best)
          continue;
        SourceLocation Loc = SM.getExpansionLoc(Spawn.Call->getBeginLoc());
        if (!Reported.insert({Loc, Var}).second)
          continue;
        LostContext Finding{&Spawn, Var, Best, {}, {}, Best, nullptr};
        const FunctionDecl *At = Best;
        // Distances strictly decrease along the path, so this ends.
        while (true) {
          const ReadStep &Step = Paths.find(At)->second;
          if (!Step.Call) {
            Finding.Reader = At;
            Finding.Read = Step.Read;
            break;
          }
          Finding.Callers.push_back(At);
          Finding.Path.push_back(Step.Call);
          At = Step.Call->Callee;
        }
        Findings.push_back(std::move(Finding));
      }
    }
  }

  llvm::sort(Findings, [&](const LostContext &A, const LostContext &B) {
    SourceLocation LA = SM.getExpansionLoc(A.Spawn->Call->getBeginLoc());
    SourceLocation LB = SM.getExpansionLoc(B.Spawn->Call->getBeginLoc());
    if (LA != LB)
      return SM.isBeforeInTranslationUnit(LA, LB);
    return A.Var->getName() < B.Var->getName();
  });
  return Findings;
}

} // namespace ctxloss
