//===--- SpawnCounts.cpp - How many spawn sites have a known task ---------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/SpawnCounts.h"
#include "checks/analysis/ProgramAnalysis.h"
#include <map>
#include <set>

namespace ctxloss::cli {

SpawnCounts countSpawns(llvm::ArrayRef<summary::Summary> Summaries) {
  std::map<summary::Location, bool> Sites;
  std::set<summary::Location> Forwarding;
  for (const summary::Summary &S : Summaries)
    for (const summary::Function &F : S.Functions) {
      for (const summary::Spawn &Spawn : F.Spawns)
        Sites[Spawn.Loc] |= !Spawn.Entries.empty();
      for (const summary::ParamSpawn &P : F.ParamSpawns)
        Forwarding.insert(P.Loc);
    }
  SpawnCounts Counts;
  Counts.Sites = Sites.size();
  for (const auto &[Loc, Resolved] : Sites) {
    if (Resolved)
      ++Counts.Resolved;
    else if (Forwarding.count(Loc))
      ++Counts.Forwarded;
  }
  return Counts;
}

unsigned countHelperCalls(const summary::Summary &Program) {
  ProgramSpawns Spawns = findProgramSpawns(Program);
  llvm::StringSet<> Overridden = findOverriddenMembers(Program);
  std::set<std::pair<summary::Location, unsigned>> Calls;
  for (const summary::Function &F : Program.Functions)
    for (const summary::CallableArg &A : F.CallableArgs) {
      auto It = Spawns.find(resolveCalleeId(A.Callee, Overridden));
      if (It != Spawns.end() && !A.Entries.empty() &&
          llvm::any_of(It->second, [&](const ProgramSpawn &S) {
            return S.Param == A.Param;
          }))
        Calls.insert({A.CallLoc, A.Param});
    }
  return Calls.size();
}

} // namespace ctxloss::cli
