//===--- Reachability.cpp - Shortest call paths to context reads ----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/Reachability.h"
#include <deque>

using namespace clang;

namespace ctxloss {

CallGraphIndex::CallGraphIndex(
    llvm::ArrayRef<const FunctionSummary *> Summaries)
    : Summaries(Summaries) {
  for (const FunctionSummary *S : Summaries)
    for (const CallEdge &Edge : S->Calls)
      Callers[Edge.Callee].push_back({S, &Edge});
}

llvm::ArrayRef<CallGraphIndex::Caller>
CallGraphIndex::callersOf(const Decl *Fn) const {
  auto It = Callers.find(Fn);
  if (It == Callers.end())
    return {};
  return It->second;
}

WriterSet findWriters(ContextKey Key, const CallGraphIndex &Graph) {
  WriterSet Writers;
  std::deque<const Decl *> Queue;
  for (const FunctionSummary *S : Graph.summaries())
    if (S->leavesWritten(Key) && Writers.insert(S->Fn).second)
      Queue.push_back(S->Fn);
  while (!Queue.empty()) {
    const Decl *Callee = Queue.front();
    Queue.pop_front();
    for (const CallGraphIndex::Caller &C : Graph.callersOf(Callee))
      if (Writers.insert(C.Summary->Fn).second)
        Queue.push_back(C.Summary->Fn);
  }
  return Writers;
}

ReadPaths findReadPaths(ContextKey Key, const CallGraphIndex &Graph,
                        const WriterSet &Writers, RestoreAnalysis &Restores,
                        llvm::function_ref<bool(const ContextRead &)> Counts) {
  ReadPaths Paths;
  std::deque<const Decl *> Queue;
  for (const FunctionSummary *S : Graph.summaries()) {
    for (const ContextRead &Read : S->Reads) {
      // A function that writes the context may save its previous value.
      if (Read.Key != Key || !Counts(Read) ||
          (Read.Saved && Writers.contains(S->Fn)) ||
          Restores.isRestoredBefore(*S, Key, Writers, Read.evaluatedAt()))
        continue;
      if (Paths.try_emplace(S->Fn, ReadStep{0, nullptr, &Read}).second)
        Queue.push_back(S->Fn);
      break;
    }
  }
  while (!Queue.empty()) {
    const Decl *Callee = Queue.front();
    Queue.pop_front();
    unsigned Distance = Paths.lookup(Callee).Distance + 1;
    for (const CallGraphIndex::Caller &C : Graph.callersOf(Callee)) {
      // Keeping a getter's value aside: the callee reads the variable
      // itself (`auto *saved = get_ptd();`), not through further calls.
      if (Paths.contains(C.Summary->Fn) ||
          (C.Edge->Saved && Distance == 1 && Writers.contains(C.Summary->Fn)) ||
          Restores.isRestoredBefore(*C.Summary, Key, Writers, C.Edge->Site))
        continue;
      Paths.try_emplace(C.Summary->Fn, ReadStep{Distance, C.Edge, nullptr});
      Queue.push_back(C.Summary->Fn);
    }
  }
  return Paths;
}

} // namespace ctxloss
