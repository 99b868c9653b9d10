//===--- ProgramSuspend.h - Context lost after a suspension, program-wide -===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The whole-program counterpart of SuspendSearch: over the merged summaries
/// of every translation unit, a coroutine that, after a suspension that may
/// resume it on another thread, reads context itself or calls a function,
/// in any file, that leads to a read, with no restore after the resumption
/// on every path to it. Worded as `context-lost-after-suspend` words it.
///
/// The per-TU facts come from the summary (format 5): each coroutine's
/// suspensions that may change thread, with the check's own notes saying
/// why; the reads and calls some path from each reaches, the keys a write
/// of its translation unit restores on every such path, and the calls on
/// every such path (a setter defined elsewhere restores). Reads through
/// calls are the program readers' (findProgramReaders). An awaiter whose
/// `await_suspend` passes the handle to a function defined elsewhere
/// changes thread when the program says that function spawns the
/// parameter (its ParamSpawns, through its Forwards).
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_PROGRAMSUSPEND_H
#define CTXLOSS_ANALYSIS_PROGRAMSUSPEND_H

#include "checks/analysis/ProgramAnalysis.h"

namespace ctxloss {

/// The findings of `context-lost-after-suspend` in \p Program, ordered by
/// the read's (or call's) location, then key name.
std::vector<ProgramFinding>
findProgramLostAfterSuspend(const summary::Summary &Program,
                            const ContextOptionsLookup &Options);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_PROGRAMSUSPEND_H
