//===--- ProgramLeaks.cpp - Context left set by tasks, whole program ------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/ProgramLeaks.h"
#include "checks/analysis/ProgramLeaves.h"
#include "llvm/ADT/StringMap.h"
#include <map>
#include <optional>
#include <set>

namespace ctxloss {

using namespace summary;

namespace {

/// A task handed to a reused worker: where, and what it runs.
struct PoolTask {
  const Location *Loc;
  const std::vector<std::string> *Entries;
};

class LeakLinker {
public:
  LeakLinker(const Summary &Program, const ContextOptionsLookup &Options,
             const std::vector<ProgramFinding> *Lost)
      : Program(Program), Options(Options), Leaves(Program), LostGiven(Lost) {}

  std::vector<ProgramFinding> run();

private:
  bool isContext(const Key &K) const;
  /// The finding for the task site at \p Loc started by \p Boundary; for a
  /// call of a spawning helper, \p Helper says how it hands the task on.
  ProgramFinding describe(const Function &Spawner, const Location &Loc,
                          const std::string &Boundary,
                          const ProgramSpawn *Helper,
                          const std::optional<Holder> &Held, const Key &K,
                          unsigned Entry, const Leave &First);
  /// Reports the first entry of \p Entries that leaves \p K set.
  void report(const Function &Spawner, const Location &Loc,
              const std::string &Boundary, const ProgramSpawn *Helper,
              const std::optional<Holder> &Held,
              const std::vector<std::string> &Entries, const Key &K);

  /// Whether every task of the program handed to a reused worker through
  /// \p Boundary sets \p Key before reading it, and one reads it after
  /// setting it (OverwrittenLeaks.h).
  bool overwritten(const std::string &Boundary, const std::string &Key);
  /// Whether function \p Fn reaches a read of \p Key by calls.
  bool reachesRead(unsigned Fn, const std::string &Key);

  const Summary &Program;
  const ContextOptionsLookup &Options;
  ProgramLeaves Leaves;
  std::set<std::pair<Location, std::string>> Reported;
  std::vector<ProgramFinding> Findings;
  /// The tasks on reused workers by boundary (the helper's underlying one
  /// for a call of a spawning helper).
  llvm::StringMap<std::vector<PoolTask>> PoolTasks;
  const std::vector<ProgramFinding> *LostGiven;
  /// The sites and keys of context-lost-in-task's findings, once needed.
  std::optional<std::set<std::pair<Location, std::string>>> Lost;
  std::map<std::pair<unsigned, std::string>, bool> Reads;
};

} // namespace

/// As the link decides for context-lost-in-task: a profile's context, a
/// configured or annotated variable, or one written in one function and
/// read in another.
bool LeakLinker::isContext(const Key &K) const {
  if (K.Profile)
    return true;
  const ContextOptions &Opts = Options(K);
  if (Opts.IgnoredVariables.matches(K.Name))
    return false;
  if (K.Annotated || Opts.ContextVariables.matches(K.Name))
    return true;
  if (!Opts.InferContextVariables)
    return false;
  std::set<unsigned> Readers;
  std::set<unsigned> Writers;
  for (unsigned I = 0; I < Program.Functions.size(); ++I) {
    const Function &F = Program.Functions[I];
    if (llvm::any_of(F.Reads, [&](const Read &R) { return R.Key == K.Id; }))
      Readers.insert(I);
    if (llvm::is_contained(F.Writes, K.Id))
      Writers.insert(I);
  }
  if (Readers.empty() || Writers.empty())
    return false;
  return Readers.size() > 1 || Writers.size() > 1 ||
         *Readers.begin() != *Writers.begin();
}

/// How the note on the way out words a leave's exit kind.
static std::string exitWording(llvm::StringRef Kind) {
  if (Kind == "throw")
    return "throws here without restoring it";
  if (Kind == "return")
    return "returns here without restoring it";
  if (Kind == "call")
    return "leaves here without restoring it when this call throws";
  return "ends here without restoring it";
}

ProgramFinding
LeakLinker::describe(const Function &Spawner, const Location &Loc,
                     const std::string &Boundary, const ProgramSpawn *Helper,
                     const std::optional<Holder> &Held, const Key &K,
                     unsigned Entry, const Leave &First) {
  ProgramFinding Out;
  Out.Check = LeakedFromTaskCheckName;
  Out.Loc = Loc;
  Out.Message = K.Display + " is left set by a task started by '" + Boundary +
                "': the next task on that worker inherits it";
  Out.Key = K.Id;
  Out.Spawner = Spawner.Id;
  Out.Boundary = Boundary;
  // How the helper hands the task on to the pool, as for
  // context-lost-in-task.
  if (Helper) {
    for (const ProgramNote &N : Helper->Forwards)
      Out.Notes.push_back(N);
    addSpawnNotes(Out.Notes, Helper->Spawner, Helper->Loc, Helper->Boundary,
                  Helper->Stored);
  }
  addHolderNote(Out.Notes, Held);
  unsigned At = Entry;
  const Leave *Step = &First;
  Out.Chain.push_back(Program.Functions[At].Id);
  // Each step's callee leaves the key set (leaves() said so), and the memo
  // breaks cycles: the walk ends.
  while (!Step->Via.empty() && Out.Chain.size() < 10000) {
    unsigned Callee = *Leaves.index(Step->Via);
    Out.Notes.push_back({Step->Set, Program.Functions[At].Name + " calls " +
                                        Program.Functions[Callee].Name +
                                        " here"});
    At = Callee;
    Out.Chain.push_back(Program.Functions[At].Id);
    Step = Leaves.leaves(At, K.Id);
  }
  Out.Notes.push_back(
      {Step->Set, Program.Functions[At].Name + " sets " + K.Display + " here"});
  Out.Notes.push_back({First.Exit, Program.Functions[Entry].Name + " " +
                                       exitWording(First.ExitKind)});
  return Out;
}

bool LeakLinker::reachesRead(unsigned Fn, const std::string &Key) {
  auto [It, New] = Reads.try_emplace({Fn, Key}, false);
  if (!New)
    return It->second;
  std::set<unsigned> Seen = {Fn};
  std::vector<unsigned> Work = {Fn};
  while (!Work.empty()) {
    const Function &F = Program.Functions[Work.back()];
    Work.pop_back();
    // The summary keeps the reads that count (TUAnalysis::countsAsRead),
    // not a writer's saving of the previous value.
    if (llvm::any_of(F.Reads, [&](const Read &R) { return R.Key == Key; }))
      return It->second = true;
    for (const Call &C : F.Calls)
      if (!C.WritesResult)
        if (std::optional<unsigned> Callee = Leaves.index(C.Callee);
            Callee && Seen.insert(*Callee).second)
          Work.push_back(*Callee);
  }
  return false;
}

bool LeakLinker::overwritten(const std::string &Boundary,
                             const std::string &Key) {
  auto Tasks = PoolTasks.find(Boundary);
  if (Tasks == PoolTasks.end())
    return false;
  if (!Lost) {
    std::vector<ProgramFinding> Computed;
    if (!LostGiven)
      Computed = analyzeProgram(Program, Options);
    Lost.emplace();
    for (const ProgramFinding &F : LostGiven ? *LostGiven : Computed)
      if (F.Check == LostInTaskCheckName)
        Lost->insert({F.Loc, F.Key});
  }
  bool AnyReads = false;
  for (const PoolTask &Task : Tasks->second) {
    // A task that reads the key before it sets it sees what the last task
    // left.
    if (Lost->count({*Task.Loc, Key}))
      return false;
    if (AnyReads)
      continue;
    AnyReads = llvm::any_of(*Task.Entries, [&](const std::string &Id) {
      std::optional<unsigned> Entry = Leaves.index(Id);
      return Entry && reachesRead(*Entry, Key);
    });
  }
  return AnyReads;
}

void LeakLinker::report(const Function &Spawner, const Location &Loc,
                        const std::string &Boundary, const ProgramSpawn *Helper,
                        const std::optional<Holder> &Held,
                        const std::vector<std::string> &Entries, const Key &K) {
  const std::string &Pool = Helper ? Helper->Boundary : Boundary;
  for (const std::string &EntryId : Entries) {
    std::optional<unsigned> Entry = Leaves.index(EntryId);
    if (!Entry)
      continue;
    const Leave *First = Leaves.leaves(*Entry, K.Id);
    if (!First)
      continue;
    // The set point at the end of the chain (describe() walks it too).
    const Leave *Last = First;
    for (unsigned Steps = 0; Last && !Last->Via.empty() && Steps < 10000;
         ++Steps) {
      std::optional<unsigned> Callee = Leaves.index(Last->Via);
      Last = Callee ? Leaves.leaves(*Callee, K.Id) : nullptr;
    }
    if (Last && Last->Field && overwritten(Pool, K.Id))
      continue;
    if (!Reported.insert({Loc, K.Id}).second)
      continue;
    Findings.push_back(
        describe(Spawner, Loc, Boundary, Helper, Held, K, *Entry, *First));
    return;
  }
}

std::vector<ProgramFinding> LeakLinker::run() {
  std::vector<const Key *> Context;
  for (const Key &K : Program.Keys)
    if (isContext(K))
      Context.push_back(&K);
  if (Context.empty())
    return {};
  for (const Function &F : Program.Functions)
    for (const Spawn &S : F.Spawns)
      if (S.ReusedWorker)
        PoolTasks[S.Boundary].push_back({&S.Loc, &S.Entries});
  for (const Function &F : Program.Functions)
    for (const Spawn &S : F.Spawns) {
      if (!S.ReusedWorker || S.CarriesAll)
        continue;
      for (const Key *K : Context)
        if (!llvm::is_contained(S.Carried, K->Id))
          report(F, S.Loc, S.Boundary, nullptr, S.Held, S.Entries, *K);
    }
  // A callable passed to a helper that hands that parameter to a reused
  // worker, itself or through the helpers it passes it to (the link's
  // spawned parameters, as for context-lost-in-task): the first way it
  // does, as the per-TU check picks it.
  bool AnyReused = llvm::any_of(Program.Functions, [](const Function &F) {
    return llvm::any_of(F.ParamSpawns,
                        [](const ParamSpawn &P) { return P.ReusedWorker; });
  });
  ProgramSpawns Spawns;
  if (AnyReused)
    Spawns = findProgramSpawns(Program);
  // The helpers' tasks, on the boundary each helper hands them to.
  auto HelperOf = [&](const CallableArg &A) -> const ProgramSpawn * {
    auto It = Spawns.find(A.Callee);
    if (It == Spawns.end())
      return nullptr;
    for (const ProgramSpawn &P : It->second)
      if (P.Param == A.Param && P.ReusedWorker)
        return &P;
    return nullptr;
  };
  for (const Function &F : Program.Functions)
    for (const CallableArg &A : F.CallableArgs)
      if (const ProgramSpawn *Helper = HelperOf(A))
        PoolTasks[Helper->Boundary].push_back({&A.CallLoc, &A.Entries});
  for (const Function &F : Program.Functions)
    for (const CallableArg &A : F.CallableArgs) {
      const ProgramSpawn *Helper = HelperOf(A);
      if (!Helper || Helper->CarriesAll)
        continue;
      for (const Key *K : Context)
        if (!llvm::is_contained(Helper->Restored, K->Id))
          report(F, A.CallLoc, A.CalleeName, Helper, A.Held, A.Entries, *K);
    }
  llvm::stable_sort(Findings,
                    [](const ProgramFinding &A, const ProgramFinding &B) {
                      return A.Loc < B.Loc;
                    });
  return std::move(Findings);
}

std::vector<ProgramFinding>
analyzeProgramLeaks(const Summary &Program, const ContextOptionsLookup &Options,
                    const std::vector<ProgramFinding> *Lost) {
  return LeakLinker(Program, Options, Lost).run();
}

} // namespace ctxloss
