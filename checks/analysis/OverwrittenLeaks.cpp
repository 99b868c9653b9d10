//===--- OverwrittenLeaks.cpp - Leaks every task on a pool overwrites -----===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/OverwrittenLeaks.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ctxloss {

bool setsField(const Stmt *Write) {
  const Expr *Target = nullptr;
  if (const auto *Assign = dyn_cast<BinaryOperator>(Write))
    Target = Assign->getLHS();
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Write);
           Op && Op->getNumArgs() > 0)
    Target = Op->getArg(0);
  else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Write))
    Target = Member->getImplicitObjectArgument();
  while (Target) {
    Target = Target->IgnoreParenImpCasts();
    // An element of a field is the field's.
    if (const auto *Element = dyn_cast<ArraySubscriptExpr>(Target)) {
      Target = Element->getBase();
      continue;
    }
    const auto *Member = dyn_cast<MemberExpr>(Target);
    return Member && isa<FieldDecl>(Member->getMemberDecl());
  }
  return false;
}

OverwrittenLeaks::OverwrittenLeaks(TUAnalysis &Analysis) : A(Analysis) {}

/// The reused-worker boundary a task site hands its task to, as the leak
/// search picks it: the site's own, or the first of a helper's ways that
/// ends on a reused worker. Null when the task does not run on one.
static const SpawnSite *poolOf(const TaskSite &Site, const ParamRoles &Roles) {
  if (!Site.Helper)
    return Site.Spawn->ReusedWorker ? Site.Spawn : nullptr;
  for (const SpawnedParam *Fact : Roles.spawns(Site.Helper, Site.Index))
    if (Fact->underlyingSpawn().ReusedWorker)
      return &Fact->underlyingSpawn();
  return nullptr;
}

void OverwrittenLeaks::collectTasks() {
  Collected = true;
  const SourceManager &SM = A.astContext().getSourceManager();
  for (const TaskSite &Site : A.taskSites())
    if (const SpawnSite *Pool = poolOf(Site, A.paramRoles()))
      Tasks[Pool->Boundary].push_back(
          {SM.getExpansionLoc(Site.Spawn->Call->getBeginLoc()), Site.Spawn});
  // context-lost-in-task's findings: one per site as written and key.
  for (const LostContext &L : A.lostContexts())
    Lost.insert({SM.getExpansionLoc(L.Spawn->Call->getBeginLoc()),
                 L.Key.getOpaqueValue()});
}

bool OverwrittenLeaks::reachesRead(const Decl *Entry, ContextKey Key) {
  auto [It, New] = Reads.try_emplace({Entry, Key.getOpaqueValue()}, false);
  if (!New)
    return It->second;
  const WriterSet &Writers = A.writersOf(Key);
  llvm::SmallPtrSet<const Decl *, 16> Seen = {Entry};
  llvm::SmallVector<const Decl *, 16> Work = {Entry};
  while (!Work.empty()) {
    const FunctionSummary *S = A.summaryOf(Work.pop_back_val());
    if (!S)
      continue;
    // As the lost-in-task search counts reads: keeping the previous value
    // aside in a function that writes it is no use.
    bool Writer = Writers.contains(S->Fn);
    if (llvm::any_of(S->Reads, [&](const ContextRead &R) {
          return R.Key == Key && A.countsAsRead(R) && !(R.Saved && Writer);
        }))
      return It->second = true;
    for (const CallEdge &E : S->Calls)
      if (!(E.Saved && Writer) && Seen.insert(E.Callee).second)
        Work.push_back(E.Callee);
  }
  return false;
}

bool OverwrittenLeaks::overwritten(llvm::StringRef Boundary, ContextKey Key) {
  if (!Collected)
    collectTasks();
  auto It = Tasks.find(Boundary);
  if (It == Tasks.end())
    return false;
  bool AnyReads = false;
  llvm::SmallVector<const Decl *, 4> Entries;
  for (const PoolTask &Task : It->second) {
    // A task that reads the context before it sets it would see what the
    // last task left.
    if (Lost.contains({Task.Loc, Key.getOpaqueValue()}))
      return false;
    if (AnyReads)
      continue;
    Entries.clear();
    A.resolveEntries(*Task.Spawn, Entries);
    AnyReads = llvm::any_of(
        Entries, [&](const Decl *Entry) { return reachesRead(Entry, Key); });
  }
  return AnyReads;
}

} // namespace ctxloss
