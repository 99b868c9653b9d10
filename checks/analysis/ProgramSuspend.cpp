//===--- ProgramSuspend.cpp - Context lost after a suspension, program-wide ==//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/ProgramSuspend.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"
#include <set>

namespace ctxloss {

using namespace summary;

namespace {

/// A read, or a call leading to one, that a suspension reaches.
struct Candidate {
  const Reached *At;
  const Location *Loc;
  llvm::StringRef Key;
  /// For a call: the callee's read.
  const ProgramRead *Via = nullptr;
};

class SuspendLinker {
public:
  SuspendLinker(const Summary &Program, const ContextOptionsLookup &Options)
      : Program(Program), Readers(findProgramReaders(Program, Options)) {
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
  std::string nameOf(llvm::StringRef Id) const {
    const Function *F = Functions.lookup(Id);
    return F ? F->Name : "'" + Id.str() + "'";
  }
  /// Whether the call \p C restores \p Key: a writer of it (itself or
  /// through its calls, in any file), or a function the program does not
  /// know handed a snapshot of it (ExternalRestores.h).
  bool restores(const Call &C, llvm::StringRef Key) const {
    auto It = Readers.Writes.find(C.Callee);
    if (It != Readers.Writes.end() && llvm::is_contained(It->second, Key))
      return true;
    return !Readers.Functions.contains(C.Callee) &&
           llvm::is_contained(C.Snapshots, Key);
  }
  /// The notes saying how parameter \p Param of \p Fn reaches a spawn: its
  /// forwards, then the spawn; none when it does not.
  std::optional<std::vector<Note>>
  spawnsParam(llvm::StringRef Fn, unsigned Param, unsigned Depth) const;
  std::optional<std::vector<Note>> whyChanges(const Suspension &S) const;
  ProgramFinding describe(const Function &F, const Suspension &S,
                          const std::vector<Note> &Why, const Candidate &C);

  const Summary &Program;
  ProgramReaders Readers;
  llvm::StringMap<const Key *> Keys;
  llvm::StringMap<const Function *> Functions;
};

} // namespace

std::optional<std::vector<Note>>
SuspendLinker::spawnsParam(llvm::StringRef Fn, unsigned Param,
                           unsigned Depth) const {
  const Function *F = Functions.lookup(Fn);
  if (!F)
    return std::nullopt;
  for (const ParamSpawn &S : F->ParamSpawns)
    if (S.Param == Param)
      return std::vector<Note>{{S.Loc, F->Name + " hands the coroutine to '" +
                                           S.Boundary + "' here"}};
  // Through as many functions as a helper chain in one file.
  if (Depth >= 3)
    return std::nullopt;
  for (const ParamForward &Fw : F->Forwards) {
    if (Fw.Param != Param)
      continue;
    if (std::optional<std::vector<Note>> Rest =
            spawnsParam(Fw.Callee, Fw.CalleeParam, Depth + 1)) {
      Rest->insert(Rest->begin(),
                   {Fw.Loc, F->Name + " passes the coroutine handle to " +
                                nameOf(Fw.Callee) + " here"});
      return Rest;
    }
  }
  return std::nullopt;
}

std::optional<std::vector<Note>>
SuspendLinker::whyChanges(const Suspension &S) const {
  if (!S.Why.empty())
    return S.Why;
  for (const HandOffElsewhere &H : S.Elsewhere)
    if (std::optional<std::vector<Note>> Spawn =
            spawnsParam(H.Callee, H.Param, 0)) {
      std::vector<Note> Why = H.Why;
      Why.insert(Why.end(), Spawn->begin(), Spawn->end());
      return Why;
    }
  return std::nullopt;
}

ProgramFinding SuspendLinker::describe(const Function &F, const Suspension &S,
                                       const std::vector<Note> &Why,
                                       const Candidate &C) {
  const Key &K = *Keys.lookup(C.Key);
  ProgramFinding Out;
  Out.Check = LostAfterSuspendCheckName;
  Out.Loc = *C.Loc;
  Out.Key = K.Id;
  Out.Spawner = F.Id;
  Out.Boundary = llvm::StringRef(Why.front().Message).contains("'co_yield'")
                     ? "co_yield"
                     : "co_await";
  Out.Chain.push_back(F.Id);
  std::string Tail = " after a suspension point that may resume " +
                     F.Coroutine + " on another thread";
  if (!C.Via || !C.At->Call) {
    Out.Message = K.Display + " is read" + Tail;
    for (const Note &N : Why)
      Out.Notes.push_back({N.Loc, N.Message});
  } else {
    const Call &First = F.Calls[*C.At->Call];
    Out.Message =
        K.Display + " is read in a call to " + nameOf(First.Callee) + Tail;
    for (const Note &N : Why)
      Out.Notes.push_back({N.Loc, N.Message});
    // Down the program's shortest path to the read.
    llvm::StringRef At = First.Callee;
    const ProgramRead *Step = C.Via;
    for (unsigned Guard = 0; Step && !Step->Next.empty() && Guard < 64;
         ++Guard) {
      Out.Chain.push_back(At.str());
      Out.Notes.push_back({Step->NextLoc, nameOf(At) + " calls " +
                                              nameOf(Step->Next) + " here"});
      At = Step->Next;
      Step = Readers.readBy(At, C.Key);
    }
    Out.Chain.push_back(At.str());
    if (Step)
      Out.Notes.push_back(
          {Step->Loc, Step->Reader + " reads " + K.Display + " here"});
  }
  if (C.At->NextIteration)
    Out.Notes.push_back(
        {*C.Loc, "the loop comes back here after the suspension"});
  return Out;
}

std::vector<ProgramFinding> SuspendLinker::run() {
  std::vector<ProgramFinding> Findings;
  // One finding per read (or call) and key, from the first suspension
  // that reaches it, as the check reports.
  std::set<std::pair<Location, std::string>> Reported;
  for (const Function &F : Program.Functions) {
    for (const Suspension &S : F.Suspensions) {
      std::optional<std::vector<Note>> Why = whyChanges(S);
      if (!Why || Why->empty())
        continue;
      std::vector<Candidate> Candidates;
      for (const Reached &R : S.Reaches) {
        if (R.Read && *R.Read < F.Reads.size()) {
          const Read &Rd = F.Reads[*R.Read];
          if (isContext(Rd.Key))
            Candidates.push_back({&R, &Rd.Loc, Rd.Key});
        } else if (R.Call && *R.Call < F.Calls.size()) {
          const Call &C = F.Calls[*R.Call];
          if (C.WritesResult)
            continue;
          auto It = Readers.ByFunction.find(C.Callee);
          if (It != Readers.ByFunction.end())
            for (const ProgramRead &PR : It->second)
              Candidates.push_back({&R, &C.Loc, PR.Key, &PR});
        }
      }
      llvm::stable_sort(Candidates, [](const Candidate &L, const Candidate &R) {
        return *L.Loc < *R.Loc;
      });
      // The first unrestored candidate of each key.
      llvm::MapVector<llvm::StringRef, const Candidate *> First;
      for (const Candidate &C : Candidates) {
        if (First.contains(C.Key) || llvm::is_contained(S.Carried, C.Key) ||
            llvm::is_contained(C.At->Restored, C.Key) ||
            llvm::any_of(C.At->After, [&](unsigned Index) {
              return Index < F.Calls.size() && restores(F.Calls[Index], C.Key);
            }))
          continue;
        First.insert({C.Key, &C});
      }
      for (const auto &[Key, C] : First)
        if (Reported.insert({*C->Loc, Key.str()}).second)
          Findings.push_back(describe(F, S, *Why, *C));
    }
  }
  llvm::StringMap<std::string> Names;
  for (const Key &K : Program.Keys)
    Names.try_emplace(K.Id, K.Name);
  llvm::stable_sort(Findings,
                    [&](const ProgramFinding &A, const ProgramFinding &B) {
                      if (!(A.Loc == B.Loc))
                        return A.Loc < B.Loc;
                      return Names.lookup(A.Key) < Names.lookup(B.Key);
                    });
  return Findings;
}

std::vector<ProgramFinding>
findProgramLostAfterSuspend(const Summary &Program,
                            const ContextOptionsLookup &Options) {
  if (llvm::none_of(Program.Functions,
                    [](const Function &F) { return !F.Suspensions.empty(); }))
    return {};
  return SuspendLinker(Program, Options).run();
}

} // namespace ctxloss
