//===--- SpawnCounts.h - How many spawn sites have a known task -*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Counts the spawn sites of the summaries and those whose task the engine
/// identified, for `--stats` (the same figures as `bench/keys.py`).
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_SPAWNCOUNTS_H
#define CTXLOSS_TOOL_CTXLOSS_SPAWNCOUNTS_H

#include "checks/analysis/SummaryFile.h"
#include "llvm/ADT/ArrayRef.h"

namespace ctxloss::cli {

struct SpawnCounts {
  /// Distinct spawn sites, by location: a spawn in a header seen by several
  /// translation units, or in a template instantiated several times, counts
  /// once.
  unsigned Sites = 0;
  /// The sites whose task's code is known (some record of the site has
  /// entries).
  unsigned Resolved = 0;
  /// The other sites whose callable is a parameter of the spawning function
  /// (a helper that spawns what its callers pass): their tasks are
  /// identified at the callers, if anywhere.
  unsigned Forwarded = 0;
};

SpawnCounts countSpawns(llvm::ArrayRef<summary::Summary> Summaries);

/// The calls of the linked program \p Program that hand a callable whose
/// code is identified to a function spawning that parameter, itself or
/// through the helpers it passes it to, or to a virtual member one of whose
/// overrides does (each call and argument once): the sites where a
/// helper's tasks are written.
unsigned countHelperCalls(const summary::Summary &Program);

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_SPAWNCOUNTS_H
