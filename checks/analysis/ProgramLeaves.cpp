//===--- ProgramLeaves.cpp - What functions leave set, program-wide -------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/ProgramLeaves.h"
#include <deque>

namespace ctxloss {

using namespace summary;

ProgramLeaves::ProgramLeaves(const Summary &Program) : Program(Program) {
  for (unsigned I = 0; I < Program.Functions.size(); ++I)
    Index.try_emplace(Program.Functions[I].Id, I);
}

std::optional<unsigned> ProgramLeaves::index(llvm::StringRef Id) const {
  auto It = Index.find(Id);
  if (It == Index.end())
    return std::nullopt;
  return It->second;
}

const Function *ProgramLeaves::function(llvm::StringRef Id) const {
  std::optional<unsigned> I = index(Id);
  return I ? &Program.Functions[*I] : nullptr;
}

const llvm::StringSet<> &ProgramLeaves::writers(llvm::StringRef Key) {
  auto [It, New] = WritersOf.try_emplace(Key);
  if (!New)
    return It->second;
  if (Callers.empty())
    for (unsigned I = 0; I < Program.Functions.size(); ++I)
      for (const Call &C : Program.Functions[I].Calls)
        Callers[C.Callee].push_back(I);
  std::deque<llvm::StringRef> Queue;
  for (const Function &F : Program.Functions)
    if (llvm::is_contained(F.Writes, Key) && It->second.insert(F.Id).second)
      Queue.emplace_back(F.Id);
  while (!Queue.empty()) {
    llvm::StringRef Callee = Queue.front();
    Queue.pop_front();
    auto CallersIt = Callers.find(Callee);
    if (CallersIt == Callers.end())
      continue;
    for (unsigned Caller : CallersIt->second)
      if (It->second.insert(Program.Functions[Caller].Id).second)
        Queue.emplace_back(Program.Functions[Caller].Id);
  }
  return It->second;
}

/// A getter: it reads the key itself, or hands it out.
bool ProgramLeaves::reads(llvm::StringRef Getter, llvm::StringRef Key) const {
  const Function *G = function(Getter);
  return G && (G->Alias == Key || llvm::any_of(G->Reads, [&](const Read &R) {
                 return R.Key == Key;
               }));
}

bool ProgramLeaves::undone(const Leave &L) {
  auto Undoes = [&](const std::string &Id) {
    const Function *F = function(Id);
    return F && llvm::is_contained(F->Undoes, L.Key);
  };
  if (llvm::any_of(L.Unless, Undoes))
    return true;
  return llvm::any_of(L.UnlessRestores, [&](const SavedRestore &R) {
    return (R.Setter.empty() || writers(L.Key).contains(R.Setter)) &&
           reads(R.Getter, L.Key);
  });
}

const Leave *ProgramLeaves::leaves(unsigned Fn, const std::string &Key) {
  auto [It, New] = Memo.try_emplace({Fn, Key}, nullptr);
  if (!New)
    return It->second; // Computed, or in progress (a cycle): no leak.
  const Leave *Found = nullptr;
  for (const Leave &L : Program.Functions[Fn].Leaves) {
    if (L.Key != Key || undone(L))
      continue;
    if (L.Via.empty()) {
      Found = &L;
      break;
    }
    std::optional<unsigned> Callee = index(L.Via);
    if (Callee && *Callee != Fn && leaves(*Callee, Key)) {
      Found = &L;
      break;
    }
  }
  Memo[{Fn, Key}] = Found;
  return Found;
}

bool ProgramLeaves::keepsSet(const Function &Caller, const Call &C,
                             llvm::StringRef Key) {
  if (llvm::is_contained(C.TakenBack, Key))
    return false;
  bool Any = false;
  for (const Leave &L : Caller.Leaves) {
    if (L.Key != Key || L.Via != C.Callee || !(L.Set == C.Loc))
      continue;
    if (!undone(L))
      return true;
    Any = true;
  }
  return !Any;
}

} // namespace ctxloss
