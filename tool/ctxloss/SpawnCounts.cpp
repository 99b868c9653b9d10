//===--- SpawnCounts.cpp - How many spawn sites have a known task ---------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/SpawnCounts.h"
#include <map>

namespace ctxloss::cli {

SpawnCounts countSpawns(llvm::ArrayRef<summary::Summary> Summaries) {
  std::map<summary::Location, bool> Sites;
  for (const summary::Summary &S : Summaries)
    for (const summary::Function &F : S.Functions)
      for (const summary::Spawn &Spawn : F.Spawns)
        Sites[Spawn.Loc] |= !Spawn.Entries.empty();
  SpawnCounts Counts;
  Counts.Sites = Sites.size();
  for (const auto &Site : Sites)
    Counts.Resolved += Site.second;
  return Counts;
}

} // namespace ctxloss::cli
