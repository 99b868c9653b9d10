//===--- ProgramWriteLoss.h - Writes lost in tasks, program-wide -*- C++
//-*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The whole-program counterpart of WriteLossSearch: over the merged
/// summaries of every translation unit, a task (its entries, and what they
/// call in any file) that leaves context written, and a read of it, or a
/// call leading to one in any file, that the spawning function makes after
/// waiting for the task. Worded as `context-write-lost-in-task` words it.
///
/// The per-TU facts come from the summary (format 6): each spawn's waits,
/// the reads and calls each wait comes before on every path, and each
/// function's writes that outlive it. A write reached through calls is the
/// task's only if every caller on the way keeps it set after its call
/// (ProgramLeaves::keepsSet: not taken back in its file, not undone or
/// restored by a call the program knows). Reads through calls are the program
/// readers' (findProgramReaders). A call that passes a callable to a
/// helper that spawns it and waits for it on every path (ParamSpawn::Waits,
/// through any number of forwards) is a wait too: the reads the call comes
/// before on every path (Read::AfterArgs) are after the task.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_PROGRAMWRITELOSS_H
#define CTXLOSS_ANALYSIS_PROGRAMWRITELOSS_H

#include "checks/analysis/ProgramAnalysis.h"

namespace ctxloss {

/// The findings of `context-write-lost-in-task` in \p Program, ordered by
/// the read's location, then key.
std::vector<ProgramFinding>
findProgramWriteLoss(const summary::Summary &Program,
                     const ContextOptionsLookup &Options);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_PROGRAMWRITELOSS_H
