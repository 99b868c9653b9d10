//===--- ProgramAnalysis.cpp - Context loss across a whole program --------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/ProgramAnalysis.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <deque>
#include <set>

namespace ctxloss {

using namespace summary;

static bool contains(const std::vector<std::string> &List, llvm::StringRef Id) {
  return llvm::is_contained(List, Id);
}

namespace {

/// A call from one function to another, both with summaries.
struct Edge {
  unsigned Caller;
  unsigned Callee;
  const Location *Loc;
  llvm::StringRef Through;
  const std::vector<std::string> *Restored;
  /// Functions called or written through first on every path to the call
  /// (Call::After, Call::AfterWrites).
  const std::vector<std::string> *After = nullptr;
  const std::vector<std::string> *AfterWrites = nullptr;
  /// The result is only kept aside (Call::Saved).
  bool Saved = false;
};

/// How a function hands one of its parameters to a new task: itself
/// (Spawn), or by passing it to another function's fact (Forward, Next).
struct Fact {
  unsigned Fn;
  const ParamSpawn *Spawn = nullptr;
  const ParamForward *Forward = nullptr;
  const Fact *Next = nullptr;
};

/// A spawn site as written: a spawn, or a call passing a callable to a
/// function that spawns that parameter.
struct Site {
  unsigned Fn;
  const Spawn *Direct = nullptr;
  const CallableArg *Helper = nullptr;
  const std::vector<Fact *> *Facts = nullptr;
};

/// A call by which a framework's own thread entry runs a spawn's task, with
/// what comes first on every path to it (TaskTrampolines.h).
struct TrampolineStep {
  const std::vector<std::string> *Restored;
  const std::vector<std::string> *After;
  const std::vector<std::string> *AfterWrites;
};

struct ReadStep {
  unsigned Distance = 0;
  const Edge *Call = nullptr;
  const Read *At = nullptr;
};

using ParamKey = std::pair<unsigned, unsigned>;

class Linker {
public:
  Linker(const Summary &Program, const ContextOptionsLookup &Options)
      : Program(Program), Options(Options) {}

  std::vector<ProgramFinding> run();
  ProgramReaders readers();
  /// The parameters each function spawns (findProgramSpawns).
  ProgramSpawns spawns();

private:
  void indexFunctions();
  /// The parameters each function spawns, once computeParamRoles ran.
  ProgramSpawns collectSpawns() const;
  /// Which functions are accessors, following AliasVia across files.
  void resolveAliases();
  /// Whether function \p I writes \p Key itself.
  bool writesItself(unsigned I, llvm::StringRef Key) const {
    return contains(fn(I).Writes, Key) || contains(WritesThrough[I], Key);
  }
  void computeParamRoles();
  void buildCallGraph();
  void collectSites();
  bool isContext(const Key &K) const;
  llvm::DenseMap<unsigned, ReadStep> findReadPaths(llvm::StringRef Key) const;
  /// The functions that write \p Key, directly or through their calls.
  llvm::DenseSet<unsigned> findWriters(llvm::StringRef Key) const;
  bool losesContext(const Fact *F, llvm::StringRef Key) const;
  /// The calls by which the framework's own thread entries run the task of
  /// \p S, when its spawn function is in the program (TaskTrampolines.h).
  llvm::ArrayRef<TrampolineStep> trampolineSteps(const Spawn &S);
  /// Whether the entries set \p Key before every such call.
  bool carriedByTrampoline(const Spawn &S, llvm::StringRef Key,
                           const llvm::DenseSet<unsigned> &Writers);
  ProgramFinding describe(const Site &S, const Fact *Helper, const Key &K,
                          unsigned Entry,
                          const llvm::DenseMap<unsigned, ReadStep> &Paths);

  const Function &fn(unsigned I) const { return Program.Functions[I]; }
  std::optional<unsigned> lookup(llvm::StringRef Id) const {
    auto It = Index.find(Id);
    if (It != Index.end())
      return It->second;
    // A virtual call of a member nothing overrides runs its own body.
    if (Id.starts_with(VirtualCallPrefix) && !Dispatch.contains(Id))
      return lookup(Id.drop_front(VirtualCallPrefix.size()));
    return std::nullopt;
  }

  /// The overrides of \p Method, a member no file defines, that spawn its
  /// parameter \p Param: the first such override's facts, or null.
  const std::vector<Fact *> *dispatchedSpawns(llvm::StringRef Method,
                                              unsigned Param) const;

  const Summary &Program;
  const ContextOptionsLookup &Options;
  llvm::StringMap<unsigned> Index;
  /// For each overridden virtual member, by its `virtual:<member>` id (a
  /// virtual call no translation unit could resolve): the bodies such a
  /// call may run, the member's own first. One body: Index maps the id to
  /// it, so the call is a call of that body. Several: the call passes its
  /// callable to a new task when one of them spawns it (Overriders.h), and
  /// a read behind it is not followed.
  llvm::StringMap<llvm::SmallVector<unsigned, 2>> Dispatch;
  /// The key each accessor hands out; empty for other functions.
  std::vector<std::string> AliasKey;
  /// Keys a function writes through calls of accessors defined elsewhere.
  std::vector<std::vector<std::string>> WritesThrough;
  std::deque<Edge> Edges;
  std::vector<llvm::SmallVector<const Edge *, 2>> Callers;
  std::vector<llvm::SmallVector<const Edge *, 4>> Callees;
  std::deque<Fact> Facts;
  llvm::DenseMap<ParamKey, std::vector<Fact *>> Spawned;
  llvm::DenseSet<ParamKey> Invoked;
  std::vector<Site> Sites;
  llvm::DenseMap<const Spawn *, std::vector<TrampolineStep>> Trampolines;
  /// The entries of the spawns each function reaches by calls.
  llvm::DenseMap<unsigned, std::vector<std::pair<const Spawn *, unsigned>>>
      InnerEntries;
};

} // namespace

void Linker::indexFunctions() {
  for (unsigned I = 0; I < Program.Functions.size(); ++I)
    Index.try_emplace(fn(I).Id, I);
  // A virtual call no translation unit could resolve (`virtual:<member>`)
  // runs the member's own body, if the program has one, or an override.
  for (unsigned I = 0; I < Program.Functions.size(); ++I)
    for (const std::string &Method : fn(I).Overrides) {
      auto [It, New] = Dispatch.try_emplace((VirtualCallPrefix + Method).str());
      if (New)
        if (std::optional<unsigned> Own = lookup(Method))
          It->second.push_back(*Own);
      It->second.push_back(I);
    }
  for (const auto &Entry : Dispatch)
    if (Entry.second.size() == 1)
      Index.try_emplace(Entry.getKey(), Entry.second.front());
  Callers.resize(Program.Functions.size());
  Callees.resize(Program.Functions.size());
  WritesThrough.resize(Program.Functions.size());
}

void Linker::resolveAliases() {
  AliasKey.assign(Program.Functions.size(), "");
  for (unsigned I = 0; I < Program.Functions.size(); ++I)
    AliasKey[I] = fn(I).Alias;
  // Chains through files settle in as many rounds as they have links.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (unsigned I = 0; I < Program.Functions.size(); ++I) {
      if (!AliasKey[I].empty() || fn(I).AliasVia.empty())
        continue;
      std::optional<unsigned> Via = lookup(fn(I).AliasVia);
      if (Via && !AliasKey[*Via].empty()) {
        AliasKey[I] = AliasKey[*Via];
        Changed = true;
      }
    }
  }
}

void Linker::computeParamRoles() {
  // Who passes their parameter on to each function.
  llvm::DenseMap<unsigned,
                 llvm::SmallVector<std::pair<unsigned, const ParamForward *>>>
      Forwarders;
  for (unsigned I = 0; I < Program.Functions.size(); ++I)
    for (const ParamForward &F : fn(I).Forwards)
      if (std::optional<unsigned> Callee = lookup(F.Callee))
        Forwarders[*Callee].push_back({I, &F});

  std::deque<unsigned> Changed;
  auto AddInvoke = [&](unsigned Fn, unsigned Param) {
    if (Invoked.insert({Fn, Param}).second)
      Changed.push_back(Fn);
  };
  auto AddSpawn = [&](ParamKey K, Fact F) {
    std::vector<Fact *> &List = Spawned[K];
    if (List.size() >= 4)
      return; // A few ways are enough to report; keep it linear.
    Facts.push_back(F);
    List.push_back(&Facts.back());
    Changed.push_back(K.first);
  };
  for (unsigned I = 0; I < Program.Functions.size(); ++I) {
    for (unsigned Param : fn(I).Invokes)
      AddInvoke(I, Param);
    for (const ParamSpawn &S : fn(I).ParamSpawns)
      AddSpawn({I, S.Param}, Fact{I, &S});
  }
  llvm::DenseSet<std::pair<const ParamForward *, const Fact *>> Done;
  while (!Changed.empty()) {
    unsigned Callee = Changed.front();
    Changed.pop_front();
    auto It = Forwarders.find(Callee);
    if (It == Forwarders.end())
      continue;
    for (auto [Caller, Forward] : It->second) {
      if (Invoked.contains({Callee, Forward->CalleeParam}))
        AddInvoke(Caller, Forward->Param);
      auto Found = Spawned.find({Callee, Forward->CalleeParam});
      if (Found == Spawned.end())
        continue;
      // Copied: adding facts may grow the map the list lives in.
      std::vector<Fact *> CalleeFacts = Found->second;
      for (Fact *F : CalleeFacts)
        if (Done.insert({Forward, F}).second)
          AddSpawn({Caller, Forward->Param}, Fact{Caller, nullptr, Forward, F});
    }
  }
}

void Linker::buildCallGraph() {
  auto AddEdge = [&](Edge E) {
    Edges.push_back(E);
    Callers[E.Callee].push_back(&Edges.back());
    Callees[E.Caller].push_back(&Edges.back());
  };
  for (unsigned I = 0; I < Program.Functions.size(); ++I) {
    for (const Call &C : fn(I).Calls) {
      std::optional<unsigned> Callee = lookup(C.Callee);
      if (!Callee)
        continue;
      // Writing through an accessor's result writes what it hands out.
      if (C.WritesResult && !AliasKey[*Callee].empty()) {
        if (!contains(WritesThrough[I], AliasKey[*Callee]))
          WritesThrough[I].push_back(AliasKey[*Callee]);
        continue;
      }
      AddEdge({I, *Callee, &C.Loc, C.Through, &C.Restored, &C.After,
               &C.AfterWrites, C.Saved});
    }
    // Callables run by a function that invokes that parameter; the ones
    // whose callee was in the same translation unit are already calls.
    for (const CallableArg &A : fn(I).CallableArgs) {
      std::optional<unsigned> Callee = lookup(A.Callee);
      if (!Callee || !Invoked.contains({*Callee, A.Param}))
        continue;
      for (const std::string &EntryId : A.Entries) {
        std::optional<unsigned> Entry = lookup(EntryId);
        if (!Entry || llvm::any_of(Callees[I], [&](const Edge *E) {
              return E->Callee == *Entry && *E->Loc == A.ArgLoc;
            }))
          continue;
        AddEdge({I, *Entry, &A.ArgLoc, A.CalleeName, &A.Restored});
      }
    }
  }
}

const std::vector<Fact *> *Linker::dispatchedSpawns(llvm::StringRef Method,
                                                    unsigned Param) const {
  auto It = Dispatch.find(Method);
  if (It == Dispatch.end())
    return nullptr;
  for (unsigned Override : It->second) {
    auto Found = Spawned.find({Override, Param});
    if (Found != Spawned.end())
      return &Found->second;
  }
  return nullptr;
}

void Linker::collectSites() {
  for (unsigned I = 0; I < Program.Functions.size(); ++I)
    for (const Spawn &S : fn(I).Spawns)
      Sites.push_back({I, &S});
  llvm::StringSet<> Seen;
  for (unsigned I = 0; I < Program.Functions.size(); ++I)
    for (const CallableArg &A : fn(I).CallableArgs) {
      const std::vector<Fact *> *Facts = nullptr;
      if (std::optional<unsigned> Callee = lookup(A.Callee)) {
        auto It = Spawned.find({*Callee, A.Param});
        if (It != Spawned.end())
          Facts = &It->second;
      } else {
        Facts = dispatchedSpawns(A.Callee, A.Param);
      }
      if (!Facts ||
          !Seen.insert(A.CallLoc.str() + "#" + std::to_string(A.Param)).second)
        continue;
      Sites.push_back({I, nullptr, &A, Facts});
    }
}

bool Linker::isContext(const Key &K) const {
  if (K.Profile)
    return true;
  const ContextOptions &Opts = Options(K);
  if (Opts.IgnoredVariables.matches(K.Name))
    return false;
  if (K.Annotated || Opts.ContextVariables.matches(K.Name))
    return true;
  if (!Opts.InferContextVariables)
    return false;
  // Written in one function and read in a different one.
  llvm::SmallVector<unsigned, 2> Readers;
  llvm::SmallVector<unsigned, 2> Writers;
  for (unsigned I = 0; I < Program.Functions.size(); ++I) {
    // An accessor's own read stands for its callers' uses: a caller that
    // calls it without writing through the result reads.
    bool Reads = AliasKey[I] != K.Id &&
                 (llvm::any_of(fn(I).Reads,
                               [&](const Read &R) { return R.Key == K.Id; }) ||
                  llvm::any_of(Callees[I], [&](const Edge *E) {
                    return AliasKey[E->Callee] == K.Id;
                  }));
    if (Readers.size() < 2 && Reads)
      Readers.push_back(I);
    if (Writers.size() < 2 && writesItself(I, K.Id))
      Writers.push_back(I);
  }
  if (Readers.empty() || Writers.empty())
    return false;
  return Readers.size() > 1 || Writers.size() > 1 || Readers[0] != Writers[0];
}

llvm::DenseSet<unsigned> Linker::findWriters(llvm::StringRef Key) const {
  llvm::DenseSet<unsigned> Writers;
  std::deque<unsigned> Queue;
  for (unsigned I = 0; I < Program.Functions.size(); ++I)
    if (writesItself(I, Key) && Writers.insert(I).second)
      Queue.push_back(I);
  while (!Queue.empty()) {
    unsigned Callee = Queue.front();
    Queue.pop_front();
    for (const Edge *E : Callers[Callee])
      if (Writers.insert(E->Caller).second)
        Queue.push_back(E->Caller);
  }
  return Writers;
}

llvm::DenseMap<unsigned, ReadStep>
Linker::findReadPaths(llvm::StringRef Key) const {
  llvm::DenseMap<unsigned, ReadStep> Paths;
  std::deque<unsigned> Queue;
  // A call to a setter defined elsewhere that comes first restores.
  llvm::DenseSet<unsigned> Writers = findWriters(Key);
  // So does writing through an accessor of the key defined elsewhere.
  // So does a function the program has no summary of, handed a snapshot
  // of the key by function Caller (ExternalRestores.h).
  auto RestoredBy = [&](unsigned Caller, const std::vector<std::string> *After,
                        const std::vector<std::string> *AfterWrites) {
    auto Any = [&](const std::vector<std::string> *Ids, auto Restores) {
      return Ids && llvm::any_of(*Ids, [&](const std::string &Id) {
               std::optional<unsigned> Fn = lookup(Id);
               return Fn && Restores(*Fn);
             });
    };
    auto UnknownGivenSnapshot = [&](const std::string &Id) {
      return !lookup(Id) && llvm::any_of(fn(Caller).Calls, [&](const Call &C) {
        return C.Callee == Id && contains(C.Snapshots, Key);
      });
    };
    return Any(After, [&](unsigned Fn) { return Writers.contains(Fn); }) ||
           Any(AfterWrites, [&](unsigned Fn) { return AliasKey[Fn] == Key; }) ||
           (After && llvm::any_of(*After, UnknownGivenSnapshot));
  };
  for (unsigned I = 0; I < Program.Functions.size(); ++I)
    for (const Read &R : fn(I).Reads)
      if (R.Key == Key && !R.Restored &&
          !RestoredBy(I, &R.After, &R.AfterWrites)) {
        Paths.try_emplace(I, ReadStep{0, nullptr, &R});
        Queue.push_back(I);
        break;
      }
  while (!Queue.empty()) {
    unsigned Callee = Queue.front();
    Queue.pop_front();
    unsigned Distance = Paths.lookup(Callee).Distance + 1;
    for (const Edge *E : Callers[Callee]) {
      // Keeping a getter's value aside: the callee reads the key itself.
      if (Paths.contains(E->Caller) || contains(*E->Restored, Key) ||
          RestoredBy(E->Caller, E->After, E->AfterWrites) ||
          (E->Saved && Distance == 1 && Writers.contains(E->Caller)))
        continue;
      Paths.try_emplace(E->Caller, ReadStep{Distance, E, nullptr});
      Queue.push_back(E->Caller);
    }
  }
  return Paths;
}

bool Linker::losesContext(const Fact *F, llvm::StringRef Key) const {
  // A helper whose spawned lambda restores the key before calling the
  // parameter propagates it.
  while (true) {
    if (F->Spawn)
      return !F->Spawn->CarriesAll && !contains(F->Spawn->Restored, Key);
    F = F->Next;
  }
}

llvm::ArrayRef<TrampolineStep> Linker::trampolineSteps(const Spawn &S) {
  auto [Found, New] = Trampolines.try_emplace(&S);
  if (!New || S.Via.empty())
    return Found->second;
  std::vector<TrampolineStep> Steps;
  std::optional<unsigned> Via = lookup(S.Via);
  if (!Via)
    return Found->second;
  // The inner spawns: in the spawn function or what it reaches by calls.
  auto [Inner, NewInner] = InnerEntries.try_emplace(*Via);
  if (NewInner) {
    std::vector<unsigned> Work = {*Via};
    llvm::DenseSet<unsigned> Seen = {*Via};
    while (!Work.empty()) {
      unsigned Fn = Work.back();
      Work.pop_back();
      for (const Edge *E : Callees[Fn])
        if (Seen.insert(E->Callee).second)
          Work.push_back(E->Callee);
      for (const Spawn &InnerSpawn : fn(Fn).Spawns)
        for (const std::string &EntryId : InnerSpawn.Entries)
          if (std::optional<unsigned> Entry = lookup(EntryId))
            Inner->second.push_back({&InnerSpawn, *Entry});
    }
  }
  // The task calls of each inner entry: a direct call of one of the task's
  // entries, or a virtual call of a member they override.
  for (auto [InnerSpawn, Entry] : Inner->second) {
    if (InnerSpawn == &S)
      continue;
    for (const Call &C : fn(Entry).Calls)
      if (C.Through.empty() && contains(S.Entries, C.Callee))
        Steps.push_back({&C.Restored, &C.After, &C.AfterWrites});
    for (const TaskCall &C : fn(Entry).TaskCalls)
      if (contains(S.Overrides, C.Method))
        Steps.push_back({&C.Restored, &C.After, &C.AfterWrites});
  }
  // The map has not grown since: Found is valid.
  Found->second = std::move(Steps);
  return Found->second;
}

bool Linker::carriedByTrampoline(const Spawn &S, llvm::StringRef Key,
                                 const llvm::DenseSet<unsigned> &Writers) {
  llvm::ArrayRef<TrampolineStep> Steps = trampolineSteps(S);
  auto Any = [&](const std::vector<std::string> *Ids, auto Restores) {
    return llvm::any_of(*Ids, [&](const std::string &Id) {
      std::optional<unsigned> Fn = lookup(Id);
      return Fn && Restores(*Fn);
    });
  };
  return !Steps.empty() && llvm::all_of(Steps, [&](const TrampolineStep &T) {
    return contains(*T.Restored, Key) ||
           Any(T.After, [&](unsigned Fn) { return Writers.contains(Fn); }) ||
           Any(T.AfterWrites, [&](unsigned Fn) { return AliasKey[Fn] == Key; });
  });
}

static std::string quoted(llvm::StringRef S) { return "'" + S.str() + "'"; }

void addHolderNote(std::vector<ProgramNote> &Notes,
                   const std::optional<summary::Holder> &Held) {
  if (Held)
    Notes.push_back({Held->Loc, "the task is kept in " + quoted(Held->Name) +
                                    " here until it is started"});
}

void addSpawnNotes(std::vector<ProgramNote> &Notes, llvm::StringRef Spawner,
                   const summary::Location &Loc, llvm::StringRef Boundary,
                   const std::optional<summary::StoredTask> &Stored) {
  if (!Stored) {
    Notes.push_back({Loc, Spawner.str() + " starts the task with " +
                              quoted(Boundary) + " here"});
    return;
  }
  Notes.push_back({Loc, Spawner.str() + " stores the task in " +
                            quoted(Stored->Member) + " here"});
  Notes.push_back({Stored->Start, quoted(Stored->Worker) +
                                      " runs it on the thread started here"});
}

ProgramFinding
Linker::describe(const Site &S, const Fact *Helper, const Key &K,
                 unsigned Entry,
                 const llvm::DenseMap<unsigned, ReadStep> &Paths) {
  ProgramFinding F;
  F.Key = K.Id;
  F.Spawner = fn(S.Fn).Id;
  const std::optional<Wait> *TimeoutWait = nullptr;
  if (S.Direct) {
    F.Loc = S.Direct->Loc;
    F.Boundary = S.Direct->Boundary;
    TimeoutWait = &S.Direct->TimeoutWait;
  } else {
    F.Loc = S.Helper->CallLoc;
    F.Boundary = S.Helper->CalleeName;
  }
  // How a spawning helper hands the task on, down to the real boundary.
  for (const Fact *Step = Helper; Step;) {
    const std::string &Name = fn(Step->Fn).Name;
    if (Step->Spawn) {
      addSpawnNotes(F.Notes, Name, Step->Spawn->Loc, Step->Spawn->Boundary,
                    Step->Spawn->Stored);
      TimeoutWait = &Step->Spawn->TimeoutWait;
      break;
    }
    const Fact *Next = Step->Next;
    F.Notes.push_back({Step->Forward->Loc, Name + " passes the task to " +
                                               fn(Next->Fn).Name + " here"});
    Step = Next;
  }
  addHolderNote(F.Notes, S.Direct ? S.Direct->Held : S.Helper->Held);
  const Wait *W = TimeoutWait && *TimeoutWait ? &**TimeoutWait : nullptr;
  if (W)
    F.Notes.push_back({W->Loc, "the task is awaited with a timeout here"});
  F.Message = K.Display + " is read in a task started by " +
              quoted(F.Boundary) +
              (W ? " (awaited with " + quoted(W->Method) + ")" : "") + " but " +
              (K.Profile ? "it" : "its value") +
              " is not carried over from the spawning thread";

  // Distances strictly decrease along the path, so this ends.
  unsigned At = Entry;
  while (true) {
    F.Chain.push_back(fn(At).Id);
    const ReadStep &Step = Paths.find(At)->second;
    if (!Step.Call) {
      const Read &R = *Step.At;
      std::string Message = fn(At).Name + " reads " + K.Display + " here";
      if (!R.DefaultArgOf.empty())
        Message += ", in the default argument of " + R.DefaultArgOf;
      else if (!R.Through.empty())
        Message = fn(At).Name + " reads " + K.Display + " through " +
                  quoted(R.Through) + " here" +
                  (R.Logging ? ": the logging pattern prints it" : "");
      F.Notes.push_back({R.Loc, std::move(Message)});
      break;
    }
    const Edge &E = *Step.Call;
    std::string Caller = fn(At).Name;
    std::string Callee = fn(E.Callee).Name;
    std::string Message = Caller;
    if (E.Through.empty())
      Message += " calls " + Callee + " here";
    else
      Message += " runs " + Callee + " through " + quoted(E.Through) + " here";
    F.Notes.push_back({*E.Loc, std::move(Message)});
    At = E.Callee;
  }
  if (K.Profile && !K.Advice.empty())
    F.Notes.push_back({F.Loc, "to carry " + K.Display + " over, " + K.Advice});
  return F;
}

std::vector<ProgramFinding> Linker::run() {
  indexFunctions();
  resolveAliases();
  computeParamRoles();
  buildCallGraph();
  collectSites();

  std::vector<ProgramFinding> Findings;
  if (Sites.empty())
    return Findings;
  // Keys in the order their reads appear.
  llvm::StringMap<const Key *> Keys;
  for (const Key &K : Program.Keys)
    Keys.try_emplace(K.Id, &K);
  std::vector<const Key *> ReadKeys;
  llvm::StringSet<> SeenKeys;
  for (const Function &Fn : Program.Functions)
    for (const Read &R : Fn.Reads)
      if (SeenKeys.insert(R.Key).second)
        if (const Key *K = Keys.lookup(R.Key))
          ReadKeys.push_back(K);

  // One finding per spawn site as written and key.
  std::set<std::pair<Location, std::string>> Reported;
  for (const Key *K : ReadKeys) {
    if (!isContext(*K))
      continue;
    llvm::DenseMap<unsigned, ReadStep> Paths = findReadPaths(K->Id);
    if (Paths.empty())
      continue;
    std::optional<llvm::DenseSet<unsigned>> Writers;
    // The framework's own entry sets the key before it runs the task.
    auto Trampoline = [&](const Spawn &S) {
      if (S.Via.empty() || trampolineSteps(S).empty())
        return false;
      if (!Writers)
        Writers = findWriters(K->Id);
      return carriedByTrampoline(S, K->Id, *Writers);
    };
    for (const Site &S : Sites) {
      const Fact *Helper = nullptr;
      if (S.Helper) {
        for (const Fact *F : *S.Facts)
          if (losesContext(F, K->Id)) {
            Helper = F;
            break;
          }
        if (!Helper)
          continue;
      } else if (S.Direct->CarriesAll || contains(S.Direct->Carried, K->Id) ||
                 Trampoline(*S.Direct)) {
        continue;
      }
      const std::vector<std::string> &Entries =
          S.Direct ? S.Direct->Entries : S.Helper->Entries;
      std::optional<unsigned> Best;
      unsigned BestDistance = 0;
      for (const std::string &EntryId : Entries) {
        std::optional<unsigned> Entry = lookup(EntryId);
        if (!Entry)
          continue;
        auto It = Paths.find(*Entry);
        if (It != Paths.end() &&
            (!Best || It->second.Distance < BestDistance)) {
          Best = Entry;
          BestDistance = It->second.Distance;
        }
      }
      if (!Best)
        continue;
      const Location &Loc = S.Direct ? S.Direct->Loc : S.Helper->CallLoc;
      if (!Reported.insert({Loc, K->Id}).second)
        continue;
      Findings.push_back(describe(S, Helper, *K, *Best, Paths));
    }
  }
  llvm::StringMap<std::string> Names;
  for (const Key &K : Program.Keys)
    Names.try_emplace(K.Id, K.Name);
  llvm::sort(Findings, [&](const ProgramFinding &A, const ProgramFinding &B) {
    if (!(A.Loc == B.Loc))
      return A.Loc < B.Loc;
    return Names.lookup(A.Key) < Names.lookup(B.Key);
  });
  return Findings;
}

ProgramReaders Linker::readers() {
  indexFunctions();
  resolveAliases();
  computeParamRoles();
  buildCallGraph();
  ProgramReaders Result;
  for (const Function &F : Program.Functions)
    Result.Functions.insert(F.Id);
  Result.Spawns = collectSpawns();
  for (const Key &K : Program.Keys) {
    if (!isContext(K))
      continue;
    if (!K.Profile)
      Result.ContextVariables.insert(K.Id);
    for (unsigned Writer : findWriters(K.Id))
      Result.Writes[fn(Writer).Id].push_back(K.Id);
    llvm::DenseMap<unsigned, ReadStep> Paths = findReadPaths(K.Id);
    // Nearest first, so that each function's read is its next step's.
    std::vector<std::pair<unsigned, unsigned>> Order;
    for (const auto &[Fn, Step] : Paths)
      Order.emplace_back(Step.Distance, Fn);
    llvm::sort(Order);
    llvm::DenseMap<unsigned, ProgramRead> Reads;
    for (auto [Distance, Fn] : Order) {
      const ReadStep &Step = Paths.find(Fn)->second;
      ProgramRead R;
      if (Step.Call) {
        R = Reads.find(Step.Call->Callee)->second;
        R.Next = fn(Step.Call->Callee).Id;
        R.NextLoc = *Step.Call->Loc;
      } else {
        R.Key = K.Id;
        R.KeyName = K.Name;
        R.Profile = K.Profile;
        R.Display = K.Display;
        R.Reader = fn(Fn).Name;
        R.Loc = Step.At->Loc;
      }
      Reads[Fn] = R;
      Result.ByFunction[fn(Fn).Id].push_back(std::move(R));
    }
  }
  // A virtual call: what the only body it may run does. A call that may
  // run several is known code that writes what every body writes.
  for (const auto &Entry : Dispatch) {
    Result.Overridden.insert(Entry.getKey());
    if (Entry.second.size() != 1) {
      std::optional<std::vector<std::string>> Common;
      for (unsigned Body : Entry.second) {
        auto It = Result.Writes.find(fn(Body).Id);
        std::vector<std::string> Keys =
            It == Result.Writes.end() ? std::vector<std::string>() : It->second;
        if (Common)
          llvm::erase_if(*Common, [&](const std::string &K) {
            return !llvm::is_contained(Keys, K);
          });
        else
          Common = std::move(Keys);
      }
      Result.Functions.insert(Entry.getKey());
      if (Common && !Common->empty())
        Result.Writes[Entry.getKey()] = std::move(*Common);
      continue;
    }
    llvm::StringRef Override = fn(Entry.second.front()).Id;
    Result.Functions.insert(Entry.getKey());
    if (auto It = Result.ByFunction.find(Override);
        It != Result.ByFunction.end())
      Result.ByFunction[Entry.getKey()] = It->second;
    if (auto It = Result.Writes.find(Override); It != Result.Writes.end())
      Result.Writes[Entry.getKey()] = It->second;
  }
  return Result;
}

ProgramSpawns Linker::collectSpawns() const {
  ProgramSpawns Result;
  // The spawn at the end of the chain of helpers decides how the task
  // starts, which keys it carries, whether its worker is reused and
  // whether the call returns once the task has ended.
  for (const auto &[K, List] : Spawned)
    for (const Fact *F : List) {
      ProgramSpawn Out;
      Out.Param = K.second;
      const Fact *Last = F;
      while (!Last->Spawn) {
        Out.Forwards.push_back(
            {Last->Forward->Loc, fn(Last->Fn).Name + " passes the task to " +
                                     fn(Last->Next->Fn).Name + " here"});
        Last = Last->Next;
      }
      const ParamSpawn &S = *Last->Spawn;
      Out.Spawner = fn(Last->Fn).Name;
      Out.Boundary = S.Boundary;
      Out.Loc = S.Loc;
      if (S.TimeoutWait) {
        Out.Awaited = S.TimeoutWait->Method;
        Out.AwaitedLoc = S.TimeoutWait->Loc;
      }
      Out.Restored = S.Restored;
      Out.CarriesAll = S.CarriesAll;
      Out.ReusedWorker = S.ReusedWorker;
      Out.Stored = S.Stored;
      Out.Waits = S.Waits;
      Result[fn(K.first).Id].push_back(std::move(Out));
    }
  // A virtual call spawns what the only body it may run spawns, and, with
  // several, each parameter one of them spawns (the first's way).
  for (const auto &Entry : Dispatch) {
    std::vector<ProgramSpawn> Spawns;
    for (unsigned Override : Entry.second) {
      auto It = Result.find(fn(Override).Id);
      if (It == Result.end())
        continue;
      for (const ProgramSpawn &S : It->second)
        if (llvm::none_of(Spawns, [&](const ProgramSpawn &Seen) {
              return Seen.Param == S.Param;
            }))
          Spawns.push_back(S);
    }
    if (!Spawns.empty())
      Result[Entry.getKey()] = std::move(Spawns);
  }
  for (auto &Entry : Result)
    llvm::stable_sort(Entry.second,
                      [](const ProgramSpawn &A, const ProgramSpawn &B) {
                        return A.Param < B.Param;
                      });
  return Result;
}

ProgramSpawns Linker::spawns() {
  indexFunctions();
  computeParamRoles();
  return collectSpawns();
}

std::vector<ProgramFinding>
analyzeProgram(const Summary &Program, const ContextOptionsLookup &Options) {
  return Linker(Program, Options).run();
}

ProgramReaders findProgramReaders(const Summary &Program,
                                  const ContextOptionsLookup &Options) {
  return Linker(Program, Options).readers();
}

llvm::StringSet<> findOverriddenMembers(const Summary &Program) {
  llvm::StringSet<> Out;
  for (const Function &F : Program.Functions)
    for (const std::string &Member : F.Overrides)
      Out.insert((VirtualCallPrefix + Member).str());
  return Out;
}

ProgramSpawns findProgramSpawns(const Summary &Program) {
  // Which keys are context plays no part in what a function spawns.
  static const ContextOptions None;
  ContextOptionsLookup Options = [](const Key &) -> const ContextOptions & {
    return None;
  };
  return Linker(Program, Options).spawns();
}

} // namespace ctxloss
