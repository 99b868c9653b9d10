//===--- ProgramWriteLoss.cpp - Writes lost in tasks, program-wide --------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/ProgramWriteLoss.h"
#include "checks/analysis/ProgramLeaves.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <deque>
#include <set>

namespace ctxloss {

using namespace summary;

namespace {

/// The write a task leaves, and the calls from its entry down to it.
struct TaskWrite {
  const LeftWrite *Write;
  const Function *Writer;
  /// (caller, call) from the entry down to the writer.
  std::vector<std::pair<const Function *, const Call *>> Path;
};

/// Whether a function waits for the task it spawns from one of its
/// parameters: it does not spawn it, it waits on every path for every way
/// it spawns it (itself, or through helpers it passes it to), or it may
/// not wait for one of them.
enum class HelperKind : std::uint8_t { None, Waits, NoWait };

/// How a helper that waits hands the task on: the forwards down to the
/// function that spawns and waits.
struct HelperChain {
  std::vector<std::pair<const Function *, const ParamForward *>> Forwards;
  const Function *Spawner = nullptr;
  const ParamSpawn *Spawn = nullptr;
};

/// A task site: what it runs, where it starts, and how it is waited for.
struct TaskSite {
  const Function *Spawner;
  const std::vector<std::string> *Entries;
  std::string Boundary;
  Location Loc;
  /// For a direct spawn: its index; for a helper's call: its
  /// CallableArgs index.
  unsigned Index;
  bool Helper;
  const HelperChain *Chain = nullptr;
  const Wait *Join;
  const std::optional<Holder> *Held = nullptr;
};

class WriteLossLinker {
public:
  WriteLossLinker(const Summary &Program, const ContextOptionsLookup &Options)
      : Program(Program), Readers(findProgramReaders(Program, Options)),
        Leaves(Program) {
    for (const Key &K : Program.Keys)
      Keys.try_emplace(K.Id, &K);
    for (const Function &F : Program.Functions)
      Functions.try_emplace(F.Id, &F);
  }

  std::vector<ProgramFinding> run();

private:
  bool isContext(llvm::StringRef Id) const {
    const Key *K = Keys.lookup(Id);
    return K && (K->Profile || Readers.ContextVariables.contains(Id));
  }
  bool setBefore(const std::vector<std::string> &After, llvm::StringRef Key);
  HelperKind helperKind(const Function *Fn, unsigned Param, HelperChain *Chain,
                        unsigned Depth = 0);
  void taskWrites(const std::vector<std::string> &Entries,
                  llvm::MapVector<llvm::StringRef, TaskWrite> &Writes);
  std::optional<TaskWrite> taskWrite(const std::string &Entry,
                                     llvm::StringRef Key);
  void search(const TaskSite &Site);

  const Summary &Program;
  ProgramReaders Readers;
  ProgramLeaves Leaves;
  llvm::StringMap<const Key *> Keys;
  llvm::StringMap<const Function *> Functions;
  std::set<std::pair<Location, std::string>> Reported;
  std::vector<ProgramFinding> Findings;
};

} // namespace

static std::string quoted(llvm::StringRef S) { return "'" + S.str() + "'"; }

bool WriteLossLinker::setBefore(const std::vector<std::string> &After,
                                llvm::StringRef Key) {
  if (After.empty())
    return false;
  const llvm::StringSet<> &W = Leaves.writers(Key);
  return llvm::any_of(After,
                      [&](const std::string &Fn) { return W.contains(Fn); });
}

HelperKind WriteLossLinker::helperKind(const Function *Fn, unsigned Param,
                                       HelperChain *Chain, unsigned Depth) {
  // Chains of helpers are short; a cycle or a very long chain is no
  // evidence of a wait.
  if (!Fn || Depth > 16)
    return HelperKind::None;
  HelperKind Kind = HelperKind::None;
  for (const ParamSpawn &P : Fn->ParamSpawns) {
    if (P.Param != Param)
      continue;
    if (!P.Waits)
      return HelperKind::NoWait;
    if (Kind == HelperKind::None && Chain) {
      Chain->Spawner = Fn;
      Chain->Spawn = &P;
    }
    Kind = HelperKind::Waits;
  }
  for (const ParamForward &F : Fn->Forwards) {
    if (F.Param != Param)
      continue;
    HelperChain Sub;
    HelperKind Next =
        helperKind(Functions.lookup(F.Callee), F.CalleeParam, &Sub, Depth + 1);
    if (Next == HelperKind::NoWait)
      return HelperKind::NoWait;
    if (Next == HelperKind::None)
      continue;
    if (Kind == HelperKind::None && Chain) {
      *Chain = std::move(Sub);
      Chain->Forwards.insert(Chain->Forwards.begin(), {Fn, &F});
    }
    Kind = HelperKind::Waits;
  }
  return Kind;
}

// Breadth-first from \p Entry over the calls after which the caller keeps
// \p Key set (ProgramLeaves::keepsSet): the nearest write of it that
// outlives its function, and outlives every caller on the way.
std::optional<TaskWrite> WriteLossLinker::taskWrite(const std::string &Entry,
                                                    llvm::StringRef Key) {
  llvm::StringMap<std::pair<const Function *, const Call *>> Parent;
  std::deque<const Function *> Queue;
  if (const Function *E = Functions.lookup(Entry)) {
    Parent.try_emplace(E->Id, nullptr, nullptr);
    Queue.push_back(E);
  }
  while (!Queue.empty()) {
    const Function *G = Queue.front();
    Queue.pop_front();
    for (const LeftWrite &W : G->LeftWritten) {
      if (W.Key != Key)
        continue;
      TaskWrite Found{&W, G, {}};
      for (const Function *At = G;;) {
        auto [Caller, C] = Parent.lookup(At->Id);
        if (!Caller)
          break;
        Found.Path.insert(Found.Path.begin(), {Caller, C});
        At = Caller;
      }
      return Found;
    }
    for (const Call &C : G->Calls)
      if (const Function *Callee = Functions.lookup(C.Callee))
        if (!Parent.contains(Callee->Id) && Leaves.keepsSet(*G, C, Key) &&
            Parent.try_emplace(Callee->Id, G, &C).second)
          Queue.push_back(Callee);
  }
  return std::nullopt;
}

// The contexts the task's functions write, then for each the nearest
// write the task keeps.
void WriteLossLinker::taskWrites(
    const std::vector<std::string> &Entries,
    llvm::MapVector<llvm::StringRef, TaskWrite> &Writes) {
  llvm::SetVector<llvm::StringRef> Written;
  for (const std::string &Entry : Entries) {
    llvm::StringSet<> Seen;
    std::deque<const Function *> Queue;
    if (const Function *E = Functions.lookup(Entry)) {
      Seen.insert(E->Id);
      Queue.push_back(E);
    }
    while (!Queue.empty()) {
      const Function *G = Queue.front();
      Queue.pop_front();
      for (const LeftWrite &W : G->LeftWritten)
        if (isContext(W.Key))
          Written.insert(W.Key);
      for (const Call &C : G->Calls)
        if (const Function *Callee = Functions.lookup(C.Callee))
          if (Seen.insert(Callee->Id).second)
            Queue.push_back(Callee);
    }
  }
  for (llvm::StringRef Key : Written)
    for (const std::string &Entry : Entries)
      if (std::optional<TaskWrite> Found = taskWrite(Entry, Key)) {
        Writes.insert({Key, std::move(*Found)});
        break;
      }
}

void WriteLossLinker::search(const TaskSite &Site) {
  const Function &F = *Site.Spawner;
  auto IsAfter = [&](const std::vector<unsigned> &Joins,
                     const std::vector<unsigned> &Args) {
    return llvm::is_contained(Site.Helper ? Args : Joins, Site.Index);
  };
  llvm::MapVector<llvm::StringRef, TaskWrite> Writes;
  taskWrites(*Site.Entries, Writes);
  for (const auto &[KeyId, Write] : Writes) {
    const Key &K = *Keys.lookup(KeyId);
    // The first read, or call leading to one, after the wait.
    const Read *FirstRead = nullptr;
    const Call *FirstCall = nullptr;
    const ProgramRead *Via = nullptr;
    Location At;
    auto Better = [&](const Location &L) {
      return (!FirstRead && !FirstCall) || L < At;
    };
    for (const Read &R : F.Reads)
      if (R.Key == KeyId && !R.Restored && IsAfter(R.AfterJoins, R.AfterArgs) &&
          Better(R.Loc) && !setBefore(R.After, KeyId)) {
        FirstRead = &R;
        FirstCall = nullptr;
        At = R.Loc;
      }
    for (const Call &C : F.Calls) {
      if (!IsAfter(C.AfterJoins, C.AfterArgs) ||
          llvm::is_contained(C.Restored, KeyId) || !Better(C.Loc) ||
          setBefore(C.After, KeyId))
        continue;
      if (const ProgramRead *R = Readers.readBy(C.Callee, KeyId)) {
        FirstCall = &C;
        FirstRead = nullptr;
        Via = R;
        At = C.Loc;
      }
    }
    if ((!FirstRead && !FirstCall) ||
        !Reported.insert({At, KeyId.str()}).second)
      continue;

    ProgramFinding Out;
    Out.Check = WriteLostInTaskCheckName;
    Out.Loc = At;
    Out.Key = KeyId.str();
    Out.Spawner = F.Id;
    Out.Boundary = Site.Boundary;
    Out.Message = K.Display + " is read after waiting for a task that "
                              "writes it, but the task's write stays on "
                              "the task's thread";
    Out.Notes.push_back({Site.Loc, F.Name + " starts the task with " +
                                       quoted(Site.Boundary) + " here"});
    std::string Waiter = F.Name;
    if (const HelperChain *Chain = Site.Chain) {
      for (const auto &[Caller, Forward] : Chain->Forwards) {
        const Function *Callee = Functions.lookup(Forward->Callee);
        Out.Notes.push_back(
            {Forward->Loc,
             Caller->Name + " passes the task to " + Callee->Name + " here"});
      }
      addSpawnNotes(Out.Notes, Chain->Spawner->Name, Chain->Spawn->Loc,
                    Chain->Spawn->Boundary, Chain->Spawn->Stored);
      Waiter = Chain->Spawner->Name;
    }
    if (Site.Held)
      addHolderNote(Out.Notes, *Site.Held);
    for (const auto &[Caller, C] : Write.Path) {
      Out.Chain.push_back(Caller->Id);
      const Function *Callee = Functions.lookup(C->Callee);
      std::string Message =
          Caller->Name + (C->Through.empty()
                              ? " calls " + Callee->Name + " here"
                              : " runs " + Callee->Name + " through " +
                                    quoted(C->Through) + " here");
      Out.Notes.push_back({C->Loc, std::move(Message)});
    }
    Out.Chain.push_back(Write.Writer->Id);
    Out.Notes.push_back(
        {Write.Write->Loc,
         Write.Writer->Name + " writes " + K.Display +
             (Write.Write->Through.empty()
                  ? ""
                  : " through " + quoted(Write.Write->Through)) +
             " here"});
    Out.Notes.push_back({Site.Join->Loc, Waiter + " waits for the task with " +
                                             quoted(Site.Join->Method) +
                                             " here"});
    if (FirstCall) {
      const Function *Callee = Functions.lookup(FirstCall->Callee);
      Out.Notes.push_back(
          {FirstCall->Loc,
           F.Name + " calls " +
               (Callee ? Callee->Name : quoted(FirstCall->Callee)) + " here"});
      Out.Notes.push_back(
          {Via->Loc, Via->Reader + " reads " + K.Display + " here"});
    }
    Out.Notes.push_back({At, "return the value from the task and set it "
                             "on this thread, or pass it back explicitly"});
    Findings.push_back(std::move(Out));
  }
}

std::vector<ProgramFinding> WriteLossLinker::run() {
  for (const Function &F : Program.Functions) {
    for (unsigned I = 0; I < F.Spawns.size(); ++I) {
      const Spawn &S = F.Spawns[I];
      if (!S.Joins.empty())
        search({&F, &S.Entries, S.Boundary, S.Loc, I, false, nullptr,
                &S.Joins.front(), &S.Held});
    }
    // Calls of helpers that spawn the callable passed and wait for it.
    for (unsigned I = 0; I < F.CallableArgs.size(); ++I) {
      const CallableArg &A = F.CallableArgs[I];
      HelperChain Chain;
      if (helperKind(Functions.lookup(A.Callee), A.Param, &Chain) ==
              HelperKind::Waits &&
          Chain.Spawn && Chain.Spawn->Waits)
        search({&F, &A.Entries, A.CalleeName, A.CallLoc, I, true, &Chain,
                &*Chain.Spawn->Waits, &A.Held});
    }
  }
  llvm::sort(Findings, [](const ProgramFinding &A, const ProgramFinding &B) {
    return std::tie(A.Loc, A.Key) < std::tie(B.Loc, B.Key);
  });
  return std::move(Findings);
}

std::vector<ProgramFinding>
findProgramWriteLoss(const Summary &Program,
                     const ContextOptionsLookup &Options) {
  bool AnyWait = llvm::any_of(Program.Functions, [](const Function &F) {
    return llvm::any_of(F.Spawns,
                        [](const Spawn &S) { return !S.Joins.empty(); }) ||
           llvm::any_of(F.ParamSpawns, [](const ParamSpawn &P) {
             return P.Waits.has_value();
           });
  });
  if (!AnyWait)
    return {};
  return WriteLossLinker(Program, Options).run();
}

} // namespace ctxloss
