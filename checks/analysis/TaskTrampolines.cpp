//===--- TaskTrampolines.cpp - A framework's own entry before the task ----===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/TaskTrampolines.h"
#include "checks/analysis/CallableResolver.h"
#include "checks/analysis/TaskObjects.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ctxloss {

const FunctionDecl *getSpawnFunction(const SpawnSite &Spawn) {
  const FunctionDecl *Fn = nullptr;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Spawn.Call)) {
    Fn = Call->getDirectCallee();
    // Which override runs is not known.
    if (isUnresolvedVirtualCall(Call, Fn))
      return nullptr;
  } else if (const auto *Ctor =
                 dyn_cast_or_null<CXXConstructExpr>(Spawn.Call)) {
    Fn = Ctor->getConstructor();
  }
  if (!Fn)
    return nullptr;
  // The standard library's and the system's boundaries are not analysed.
  const SourceManager &SM = Fn->getASTContext().getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Fn->getLocation())))
    return nullptr;
  return Fn;
}

static void addOverridden(const CXXMethodDecl *M,
                          llvm::SmallPtrSetImpl<const CXXMethodDecl *> &Seen,
                          llvm::SmallVectorImpl<const CXXMethodDecl *> &Out) {
  for (const CXXMethodDecl *O : M->overridden_methods()) {
    O = O->getCanonicalDecl();
    if (Seen.insert(O).second) {
      Out.push_back(O);
      addOverridden(O, Seen, Out);
    }
  }
}

void getOverriddenMembers(const FunctionDecl *Entry,
                          llvm::SmallVectorImpl<const CXXMethodDecl *> &Out) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Entry);
  if (!M || !M->isVirtual())
    return;
  llvm::SmallPtrSet<const CXXMethodDecl *, 4> Seen;
  addOverridden(M, Seen, Out);
}

llvm::ArrayRef<TrampolineFinder::Inner>
TrampolineFinder::innerEntries(const Decl *Fn) {
  auto [It, New] = Cache.try_emplace(Fn);
  if (!New)
    return It->second;
  llvm::SmallVector<Inner, 1> Found;
  // Every function the spawn function reaches by calls, itself included.
  llvm::SmallVector<const Decl *, 8> Work = {Fn};
  llvm::DenseSet<const Decl *> Seen = {Fn};
  llvm::SmallVector<const Decl *, 2> Entries;
  while (!Work.empty()) {
    const FunctionSummary *S = Lookup(Work.pop_back_val());
    if (!S)
      continue;
    for (const CallEdge &Edge : S->Calls)
      if (Seen.insert(Edge.Callee).second)
        Work.push_back(Edge.Callee);
    for (const SpawnSite &Inner : S->Spawns) {
      Entries.clear();
      Resolve(Inner, Entries);
      for (const Decl *Entry : Entries)
        if (const FunctionSummary *E = Lookup(Entry))
          Found.push_back({&Inner, E});
    }
  }
  // Nothing was inserted since: the slot is still valid.
  It->second = std::move(Found);
  return It->second;
}

void TrampolineFinder::find(const SpawnSite &Spawn,
                            llvm::SmallVectorImpl<TrampolineCall> &Out) {
  const FunctionDecl *Fn = getSpawnFunction(Spawn);
  const FunctionDecl *Def = Fn ? getDefinitionWithBody(Fn) : nullptr;
  if (!Def || !Lookup(Def))
    return;
  // The task's entries and the virtual members they override.
  llvm::SmallVector<const Decl *, 2> Entries;
  Resolve(Spawn, Entries);
  if (Entries.empty())
    return;
  llvm::SmallPtrSet<const Decl *, 4> Direct;
  llvm::SmallVector<const CXXMethodDecl *, 4> Overridden;
  for (const Decl *Entry : Entries) {
    Direct.insert(Entry);
    getOverriddenMembers(dyn_cast<FunctionDecl>(Entry), Overridden);
  }
  for (const Inner &I : innerEntries(Def)) {
    if (I.Spawn == &Spawn)
      continue;
    for (const CallEdge &Edge : I.Entry->Calls)
      if (!Edge.Through && Direct.contains(Edge.Callee))
        Out.push_back({I.Entry, Edge.Site});
    for (const VirtualTaskCall &Call : I.Entry->TaskCalls)
      if (llvm::is_contained(Overridden, Call.Method))
        Out.push_back({I.Entry, Call.Site});
  }
}

} // namespace ctxloss
