//===--- ProgramWriteLoss.cpp - Writes lost in tasks, program-wide --------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/ProgramWriteLoss.h"
#include "llvm/ADT/MapVector.h"
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

} // namespace

static std::string quoted(llvm::StringRef S) { return "'" + S.str() + "'"; }

std::vector<ProgramFinding>
findProgramWriteLoss(const Summary &Program,
                     const ContextOptionsLookup &Options) {
  std::vector<ProgramFinding> Findings;
  bool AnyJoin = llvm::any_of(Program.Functions, [](const Function &F) {
    return llvm::any_of(F.Spawns,
                        [](const Spawn &S) { return !S.Joins.empty(); });
  });
  if (!AnyJoin)
    return Findings;

  ProgramReaders Readers = findProgramReaders(Program, Options);
  llvm::StringMap<const Key *> Keys;
  for (const Key &K : Program.Keys)
    Keys.try_emplace(K.Id, &K);
  auto IsContext = [&](llvm::StringRef Id) {
    const Key *K = Keys.lookup(Id);
    return K && (K->Profile || Readers.ContextVariables.contains(Id));
  };
  llvm::StringMap<const Function *> Functions;
  for (const Function &F : Program.Functions)
    Functions.try_emplace(F.Id, &F);
  auto ReadBy = [&](llvm::StringRef Callee,
                    llvm::StringRef Key) -> const ProgramRead * {
    auto It = Readers.ByFunction.find(Callee);
    if (It == Readers.ByFunction.end())
      return nullptr;
    for (const ProgramRead &R : It->second)
      if (R.Key == Key)
        return &R;
    return nullptr;
  };

  // The writers of each key, through calls: a call of one defined in
  // another file before the read (Read::After, Call::After) sets the
  // context on this thread.
  llvm::StringMap<std::vector<const Function *>> Callers;
  for (const Function &F : Program.Functions)
    for (const Call &C : F.Calls)
      Callers[C.Callee].push_back(&F);
  llvm::StringMap<llvm::StringSet<>> WritersOf;
  auto Writers = [&](llvm::StringRef Key) -> const llvm::StringSet<> & {
    auto [It, New] = WritersOf.try_emplace(Key);
    if (!New)
      return It->second;
    std::deque<llvm::StringRef> Queue;
    for (const Function &F : Program.Functions)
      if (llvm::is_contained(F.Writes, Key) && It->second.insert(F.Id).second)
        Queue.emplace_back(F.Id);
    while (!Queue.empty()) {
      llvm::StringRef Callee = Queue.front();
      Queue.pop_front();
      for (const Function *Caller : Callers.lookup(Callee))
        if (It->second.insert(Caller->Id).second)
          Queue.emplace_back(Caller->Id);
    }
    return It->second;
  };
  auto SetBefore = [&](const std::vector<std::string> &After,
                       llvm::StringRef Key) {
    if (After.empty())
      return false;
    const llvm::StringSet<> &W = Writers(Key);
    return llvm::any_of(After,
                        [&](const std::string &Fn) { return W.contains(Fn); });
  };

  std::set<std::pair<Location, std::string>> Reported;
  for (const Function &F : Program.Functions) {
    for (unsigned I = 0; I < F.Spawns.size(); ++I) {
      const Spawn &S = F.Spawns[I];
      if (S.Joins.empty())
        continue;
      // Breadth-first from the entries: the nearest write of each context.
      llvm::MapVector<llvm::StringRef, TaskWrite> Writes;
      for (const std::string &Entry : S.Entries) {
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
            if (Writes.contains(W.Key) || !IsContext(W.Key))
              continue;
            TaskWrite Found{&W, G, {}};
            for (const Function *At = G;;) {
              auto [Caller, C] = Parent.lookup(At->Id);
              if (!Caller)
                break;
              Found.Path.insert(Found.Path.begin(), {Caller, C});
              At = Caller;
            }
            Writes.insert({W.Key, std::move(Found)});
          }
          for (const Call &C : G->Calls)
            if (const Function *Callee = Functions.lookup(C.Callee))
              if (Parent.try_emplace(Callee->Id, G, &C).second)
                Queue.push_back(Callee);
        }
      }

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
          if (R.Key == KeyId && !R.Restored &&
              llvm::is_contained(R.AfterJoins, I) && Better(R.Loc) &&
              !SetBefore(R.After, KeyId)) {
            FirstRead = &R;
            FirstCall = nullptr;
            At = R.Loc;
          }
        for (const Call &C : F.Calls) {
          if (!llvm::is_contained(C.AfterJoins, I) ||
              llvm::is_contained(C.Restored, KeyId) || !Better(C.Loc) ||
              SetBefore(C.After, KeyId))
            continue;
          if (const ProgramRead *R = ReadBy(C.Callee, KeyId)) {
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
        Out.Boundary = S.Boundary;
        Out.Message = K.Display + " is read after waiting for a task that "
                                  "writes it, but the task's write stays on "
                                  "the task's thread";
        Out.Notes.push_back({S.Loc, F.Name + " starts the task with " +
                                        quoted(S.Boundary) + " here"});
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
        const Wait &Join = S.Joins.front();
        Out.Notes.push_back({Join.Loc, F.Name + " waits for the task with " +
                                           quoted(Join.Method) + " here"});
        if (FirstCall) {
          const Function *Callee = Functions.lookup(FirstCall->Callee);
          Out.Notes.push_back(
              {FirstCall->Loc,
               F.Name + " calls " +
                   (Callee ? Callee->Name : quoted(FirstCall->Callee)) +
                   " here"});
          Out.Notes.push_back(
              {Via->Loc, Via->Reader + " reads " + K.Display + " here"});
        }
        Out.Notes.push_back({At, "return the value from the task and set it "
                                 "on this thread, or pass it back explicitly"});
        Findings.push_back(std::move(Out));
      }
    }
  }
  llvm::sort(Findings, [](const ProgramFinding &A, const ProgramFinding &B) {
    return std::tie(A.Loc, A.Key) < std::tie(B.Loc, B.Key);
  });
  return Findings;
}

} // namespace ctxloss
