//===--- WriteLossSearch.cpp - Writes that do not come back ---------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/WriteLossSearch.h"
#include "checks/analysis/LeakSearch.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallBitVector.h"
#include <deque>
#include <optional>

using namespace clang;

namespace ctxloss {

namespace {

/// A wait for one task site, as the spawning function sees it.
struct Wait {
  const Stmt *At;
  const Decl *Waiter;
  const JoinSite *Join;
  const SpawnedParam *Helper;
  /// For a helper defined elsewhere: the program summary's fact that
  /// says it waits (Join is then null).
  const ProgramSpawn *External = nullptr;
};

/// The write a task leaves behind for one context, and how it gets there.
struct TaskWrite {
  ResolvedTask Task;
  llvm::SmallVector<const CallEdge *, 4> Path;
  llvm::SmallVector<const Decl *, 4> Callers;
  const Decl *Writer = nullptr;
  const ContextWrite *Write = nullptr;
};

class Search {
public:
  explicit Search(TUAnalysis &A) : A(A), Calls(A) {}

  std::vector<LostWrite> run();

private:
  void indexOwners();
  void waitsFor(const TaskSite &Site, const FunctionSummary &Spawner,
                llvm::SmallVectorImpl<Wait> &Out) const;
  void taskWrites(const TaskSite &Site,
                  llvm::MapVector<ContextKey, TaskWrite> &Out);
  bool taskWrite(const ResolvedTask &Task, ContextKey Key, TaskWrite &Out);
  /// Computes WrittenBelow for every summary, once.
  void closeWrites();
  bool isAfter(const FunctionSummary &Spawner, const Wait &W, const Stmt *S);
  const ReadPaths &readPaths(ContextKey Key);
  void searchReads(const FunctionSummary &Spawner, const TaskSite &Site,
                   llvm::ArrayRef<Wait> Waits, ContextKey Key,
                   const TaskWrite &Write, std::vector<LostWrite> &Out);

  TUAnalysis &A;
  /// Whether a caller keeps a context set after a call.
  CallLeaves Calls;
  const SourceManager *SM = nullptr;
  llvm::DenseMap<const SpawnSite *, const FunctionSummary *> SpawnOwner;
  llvm::DenseMap<const Stmt *, const FunctionSummary *> CallOwner;
  llvm::DenseMap<ContextKey, ReadPaths> Paths;
  llvm::DenseSet<std::pair<SourceLocation, const void *>> Reported;
  /// For each function, the contexts it or a function it calls (not a
  /// constructor) writes so that the write outlives the writer, as indices
  /// into WrittenKeys: what a task starting there may leave behind. One
  /// closure over the call graph instead of a walk per task site.
  llvm::DenseMap<const Decl *, llvm::SmallBitVector> WrittenBelow;
  llvm::SmallVector<ContextKey, 4> WrittenKeys;
  bool Closed = false;
};

} // namespace

void Search::indexOwners() {
  for (const auto &[Fn, S] : A.summaries()) {
    for (const SpawnSite &Spawn : S->Spawns)
      SpawnOwner.try_emplace(&Spawn, S.get());
    for (const CallEdge &Edge : S->Calls)
      CallOwner.try_emplace(Edge.Site, S.get());
    // A helper known only from the program summary (collectExternalSpawns).
    for (const CallEdge &Edge : S->ExternalCalls)
      CallOwner.try_emplace(Edge.Site, S.get());
  }
}

/// The join of the spawn \p Spawn in \p S, if \p S waits for it.
static const JoinSite *joinOf(const FunctionSummary &S,
                              const SpawnSite *Spawn) {
  if (S.Spawns.empty() || Spawn < S.Spawns.begin() || Spawn >= S.Spawns.end())
    return nullptr;
  auto Index = static_cast<unsigned>(Spawn - S.Spawns.begin());
  for (const JoinSite &J : S.Joins)
    if (J.Spawn == Index)
      return &J;
  return nullptr;
}

void Search::waitsFor(const TaskSite &Site, const FunctionSummary &Spawner,
                      llvm::SmallVectorImpl<Wait> &Out) const {
  if (!Site.Helper) {
    if (Spawner.Spawns.empty() || Site.Spawn < Spawner.Spawns.begin() ||
        Site.Spawn >= Spawner.Spawns.end())
      return;
    auto Index = static_cast<unsigned>(Site.Spawn - Spawner.Spawns.begin());
    for (const JoinSite &J : Spawner.Joins)
      if (J.Spawn == Index)
        Out.push_back({J.At, Spawner.Fn, &J, nullptr});
    return;
  }
  // A helper that spawns its parameter and waits for it on every path: the
  // call of the helper returns once the task has ended. Every way the
  // helper hands the task on must wait; one that may not makes the helper
  // one that does not wait.
  llvm::ArrayRef<const SpawnedParam *> Facts =
      A.paramRoles().spawns(Site.Helper, Site.Index);
  std::optional<Wait> First;
  for (const SpawnedParam *Fact : Facts) {
    const SpawnedParam *Last = Fact;
    while (Last->Next)
      Last = Last->Next;
    // Defined elsewhere: the program summary says whether it waits.
    if (const ProgramSpawn *External = Last->External) {
      if (!External->Waits)
        return;
      if (!First)
        First = Wait{Site.Spawn->Call, Last->Fn, nullptr, Fact, External};
      continue;
    }
    const FunctionSummary *Helper = A.summaryOf(Last->Fn);
    const JoinSite *J = Helper && Last->Spawn && Last->Spawn->WaitedOnEveryPath
                            ? joinOf(*Helper, Last->Spawn)
                            : nullptr;
    if (!J)
      return;
    if (!First)
      First = Wait{Site.Spawn->Call, Last->Fn, J, Fact};
  }
  if (First)
    Out.push_back(*First);
}

/// Whether \p S keeps the previous value of \p Key aside: it saves it to
/// put it back, so its write does not outlive it.
static bool savesPrevious(const FunctionSummary &S, ContextKey Key) {
  return llvm::any_of(
      S.Reads, [Key](const ContextRead &R) { return R.Key == Key && R.Saved; });
}

/// Whether \p W is made while a guard of the same context lives: the guard
/// puts the previous value back when its scope ends, undoing \p W.
static bool isUnderGuard(const FunctionSummary &S, const ContextWrite &W,
                         const WriterSet &Writers, RestoreAnalysis &Restores,
                         const SourceManager &SM) {
  for (const ContextWrite &G : S.Writes)
    if (&G != &W && G.Key == W.Key && G.Scope && !G.Ends &&
        isWrittenWithin(SM, G.Scope, W.At) &&
        Restores.isEvaluatedBefore(S.Fn, G.At, W.At))
      return true;
  return llvm::any_of(S.Calls, [&](const CallEdge &E) {
    return E.Scope && isa<CXXConstructExpr>(E.Site) &&
           Writers.contains(E.Callee) && isWrittenWithin(SM, E.Scope, W.At) &&
           Restores.isEvaluatedBefore(S.Fn, E.Site, W.At);
  });
}

bool outlivesFunction(const FunctionSummary &S, const ContextWrite &W,
                      const WriterSet &Writers, RestoreAnalysis &Restores,
                      const SourceManager &SM) {
  return !W.Scope && !W.Ends && !W.PerThreadInit && !savesPrevious(S, W.Key) &&
         !isUnderGuard(S, W, Writers, Restores, SM);
}

bool isAfterJoin(const FunctionSummary &S, const JoinSite &Join,
                 const Stmt *Use, RestoreAnalysis &Restores,
                 const SourceManager &SM) {
  if (Use == Join.At)
    return false;
  // The handle's destructor waits when its scope ends: the spawn comes
  // first on every path, and the read after the scope.
  if (Join.Scope)
    return Restores.isEvaluatedBefore(S.Fn, Join.At, Use) &&
           SM.isBeforeInTranslationUnit(
               SM.getExpansionLoc(Join.Scope->getRBracLoc()),
               SM.getExpansionLoc(Use->getBeginLoc()));
  if (!Join.Loop)
    return Restores.isEvaluatedBefore(S.Fn, Join.At, Use);
  // The tasks have ended once the loop is done: the read must come after
  // the loop, which is entered on every path to it.
  const Stmt *Loop = Join.Loop;
  if (!Restores.isEvaluatedBefore(S.Fn, Join.loopEntry(), Use))
    return false;
  return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Loop->getEndLoc()),
                                      SM.getExpansionLoc(Use->getBeginLoc()));
}

// Breadth-first from the entry of \p Task over the calls after which the caller
// keeps
// \p Key set: the nearest write of it that outlives its function and
// every caller on the way (a save, set and restore of a setter's write
// in a caller is no write of the task).
bool Search::taskWrite(const ResolvedTask &Task, ContextKey Key,
                       TaskWrite &Out) {
  const Decl *Entry = Task.Entry;
  llvm::DenseMap<const Decl *, std::pair<const Decl *, const CallEdge *>>
      Parent;
  std::deque<const Decl *> Queue;
  Parent.try_emplace(Entry, nullptr, nullptr);
  Queue.push_back(Entry);
  while (!Queue.empty()) {
    const Decl *Fn = Queue.front();
    Queue.pop_front();
    const FunctionSummary *S = A.summaryOf(Fn);
    if (!S)
      continue;
    for (const ContextWrite &W : S->Writes) {
      if (W.Key != Key ||
          !outlivesFunction(*S, W, A.writersOf(W.Key), A.restores(), *SM))
        continue;
      Out = TaskWrite{Task, {}, {}, Fn, &W};
      for (const Decl *At = Fn; At != Entry;) {
        auto [Caller, Edge] = Parent.lookup(At);
        Out.Path.push_back(Edge);
        Out.Callers.push_back(Caller);
        At = Caller;
      }
      std::reverse(Out.Path.begin(), Out.Path.end());
      std::reverse(Out.Callers.begin(), Out.Callers.end());
      return true;
    }
    for (const CallEdge &Edge : S->Calls) {
      // What a constructor writes holds for its object only.
      if (isa<CXXConstructExpr>(Edge.Site) || Parent.contains(Edge.Callee) ||
          !Calls.keepsSet(*S, Key, Edge.Site))
        continue;
      Parent.try_emplace(Edge.Callee, Fn, &Edge);
      Queue.push_back(Edge.Callee);
    }
  }
  return false;
}

void Search::closeWrites() {
  llvm::DenseMap<ContextKey, unsigned> KeyIndex;
  llvm::SmallVector<const Decl *, 0> Order;
  for (const auto &[Fn, S] : A.summaries()) {
    llvm::SmallBitVector Own;
    for (const ContextWrite &W : S->Writes)
      if (A.isContext(W.Key) &&
          outlivesFunction(*S, W, A.writersOf(W.Key), A.restores(), *SM)) {
        auto [It, New] = KeyIndex.try_emplace(W.Key, WrittenKeys.size());
        if (New)
          WrittenKeys.push_back(W.Key);
        if (Own.size() <= It->second)
          Own.resize(It->second + 1);
        Own.set(It->second);
      }
    WrittenBelow[Fn] = std::move(Own);
    Order.push_back(Fn);
  }
  // Callees first (a depth-first post-order), then passes until nothing
  // changes: each pass settles what a cycle adds.
  llvm::SmallVector<const Decl *, 0> Post;
  llvm::DenseSet<const Decl *> Visited;
  for (const Decl *Root : Order) {
    if (!Visited.insert(Root).second)
      continue;
    llvm::SmallVector<std::pair<const Decl *, unsigned>, 16> Stack{{Root, 0}};
    while (!Stack.empty()) {
      auto &[Fn, Next] = Stack.back();
      const FunctionSummary *S = A.summaryOf(Fn);
      if (S && Next < S->Calls.size()) {
        const CallEdge &Edge = S->Calls[Next++];
        if (!isa<CXXConstructExpr>(Edge.Site) &&
            Visited.insert(Edge.Callee).second)
          Stack.push_back({Edge.Callee, 0});
        continue;
      }
      Post.push_back(Fn);
      Stack.pop_back();
    }
  }
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const Decl *Fn : Post) {
      const FunctionSummary *S = A.summaryOf(Fn);
      if (!S)
        continue;
      llvm::SmallBitVector Set = WrittenBelow[Fn];
      for (const CallEdge &Edge : S->Calls) {
        if (isa<CXXConstructExpr>(Edge.Site))
          continue;
        auto It = WrittenBelow.find(Edge.Callee);
        if (It == WrittenBelow.end())
          continue;
        if (Set.size() < It->second.size())
          Set.resize(It->second.size());
        Set |= It->second;
      }
      llvm::SmallBitVector &Old = WrittenBelow[Fn];
      if (Set != Old) {
        Old = std::move(Set);
        Changed = true;
      }
    }
  }
}

void Search::taskWrites(const TaskSite &Site,
                        llvm::MapVector<ContextKey, TaskWrite> &Out) {
  llvm::SmallVector<ResolvedTask, 4> Tasks;
  A.resolveTasks(*Site.Spawn, Tasks);
  // The contexts the task's functions write, then for each the nearest
  // write the task keeps.
  if (!Closed) {
    closeWrites();
    Closed = true;
  }
  llvm::SetVector<ContextKey> Written;
  for (const ResolvedTask &Task : Tasks) {
    auto It = WrittenBelow.find(Task.Entry);
    if (It != WrittenBelow.end())
      for (unsigned Index : It->second.set_bits())
        Written.insert(WrittenKeys[Index]);
  }
  for (ContextKey Key : Written)
    for (const ResolvedTask &Task : Tasks) {
      TaskWrite Found;
      if (taskWrite(Task, Key, Found)) {
        Out.insert({Key, std::move(Found)});
        break;
      }
    }
}

bool Search::isAfter(const FunctionSummary &Spawner, const Wait &W,
                     const Stmt *S) {
  if (W.Helper)
    return S != W.At && A.restores().isEvaluatedBefore(Spawner.Fn, W.At, S);
  return isAfterJoin(Spawner, *W.Join, S, A.restores(), *SM);
}

const ReadPaths &Search::readPaths(ContextKey Key) {
  auto [It, Inserted] = Paths.try_emplace(Key);
  if (Inserted)
    It->second = findReadPaths(
        Key, A.callGraph(), A.writersOf(Key), A.restores(),
        [this](const ContextRead &Read) { return A.countsAsRead(Read); });
  return It->second;
}

void Search::searchReads(const FunctionSummary &Spawner, const TaskSite &Site,
                         llvm::ArrayRef<Wait> Waits, ContextKey Key,
                         const TaskWrite &Write, std::vector<LostWrite> &Out) {
  const WriterSet &Writers = A.writersOf(Key);
  const ReadPaths &FromCalls = readPaths(Key);
  RestoreAnalysis &Restores = A.restores();
  // The candidates, in the order the function is written: reads, and calls
  // that lead to one.
  struct Candidate {
    const Stmt *At;
    const ContextRead *Read;
    const CallEdge *Call;
    unsigned Order;
  };
  llvm::SmallVector<Candidate, 4> Candidates;
  for (const ContextRead &Read : Spawner.Reads)
    if (Read.Key == Key && A.countsAsRead(Read) &&
        !(Read.Saved && Spawner.writes(Key)))
      Candidates.push_back({Read.evaluatedAt(), &Read, nullptr,
                            static_cast<unsigned>(Candidates.size())});
  for (const CallEdge &Edge : Spawner.Calls)
    if (FromCalls.contains(Edge.Callee))
      Candidates.push_back({Edge.Site, nullptr, &Edge,
                            static_cast<unsigned>(Candidates.size())});
  llvm::sort(Candidates, [&](const Candidate &L, const Candidate &R) {
    SourceLocation LL = SM->getExpansionLoc(L.At->getBeginLoc());
    SourceLocation RL = SM->getExpansionLoc(R.At->getBeginLoc());
    if (LL != RL)
      return SM->isBeforeInTranslationUnit(LL, RL);
    return L.Order < R.Order;
  });

  for (const Candidate &C : Candidates) {
    const Wait *Found = nullptr;
    for (const Wait &W : Waits)
      if (isAfter(Spawner, W, C.At)) {
        Found = &W;
        break;
      }
    // The caller set the context itself before the read: it reads its own.
    if (!Found || Restores.isRestoredBefore(Spawner, Key, Writers, C.At))
      continue;
    SourceLocation Loc = SM->getExpansionLoc(C.At->getBeginLoc());
    if (!Reported.insert({Loc, Key.getOpaqueValue()}).second)
      return;
    LostWrite F;
    F.Key = Key;
    F.Spawner = Spawner.Fn;
    F.Site = &Site;
    F.WaitAt = Found->At;
    F.Waiter = Found->Waiter;
    F.Join = Found->Join;
    F.ExternalWait = Found->External;
    F.Helper = Found->Helper;
    F.Task = Write.Task;
    F.WritePath = Write.Path;
    F.WriteCallers = Write.Callers;
    F.Writer = Write.Writer;
    F.Write = Write.Write;
    F.ReadAt = C.At;
    if (C.Read) {
      F.Reader = Spawner.Fn;
      F.Read = C.Read;
    } else {
      F.ReadPath.push_back(C.Call);
      F.ReadCallers.push_back(Spawner.Fn);
      const Decl *At = C.Call->Callee;
      // Distances strictly decrease along the path, so this ends.
      while (true) {
        const ReadStep &Step = FromCalls.find(At)->second;
        if (!Step.Call) {
          F.Reader = At;
          F.Read = Step.Read;
          break;
        }
        F.ReadCallers.push_back(At);
        F.ReadPath.push_back(Step.Call);
        At = Step.Call->Callee;
      }
    }
    Out.push_back(std::move(F));
    // One finding per task and context: the first read after the wait.
    return;
  }
}

std::vector<LostWrite> Search::run() {
  std::vector<LostWrite> Findings;
  if (A.summaries().empty() || A.taskSites().empty())
    return Findings;
  SM = &A.summaries().front().first->getASTContext().getSourceManager();
  indexOwners();
  llvm::SmallVector<Wait, 2> Waits;
  llvm::MapVector<ContextKey, TaskWrite> Writes;
  for (const TaskSite &Site : A.taskSites()) {
    const FunctionSummary *Spawner = Site.Helper
                                         ? CallOwner.lookup(Site.Spawn->Call)
                                         : SpawnOwner.lookup(Site.Spawn);
    if (!Spawner)
      continue;
    Waits.clear();
    waitsFor(Site, *Spawner, Waits);
    if (Waits.empty())
      continue;
    Writes.clear();
    taskWrites(Site, Writes);
    for (const auto &[Key, Write] : Writes)
      searchReads(*Spawner, Site, Waits, Key, Write, Findings);
  }
  llvm::sort(Findings, [&](const LostWrite &L, const LostWrite &R) {
    SourceLocation LL = SM->getExpansionLoc(L.ReadAt->getBeginLoc());
    SourceLocation RL = SM->getExpansionLoc(R.ReadAt->getBeginLoc());
    if (LL != RL)
      return SM->isBeforeInTranslationUnit(LL, RL);
    return contextName(L.Key) < contextName(R.Key);
  });
  return Findings;
}

std::vector<LostWrite> findLostWrites(TUAnalysis &Analysis) {
  Analysis.prepare();
  return Search(Analysis).run();
}

} // namespace ctxloss
