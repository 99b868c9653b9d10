//===--- ProgramLeaks.h - Context left set by tasks, whole program -*- C++ -*-//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The whole-program counterpart of LeakSearch: links what each function
/// leaves set (summary::Leave, a write of its own or a call to a function
/// that leaves the context set, possibly in another file) and reports the
/// tasks on reused workers that leave context set, worded as
/// `context-leaked-from-task` words them.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_PROGRAMLEAKS_H
#define CTXLOSS_ANALYSIS_PROGRAMLEAKS_H

#include "checks/analysis/ProgramAnalysis.h"

namespace ctxloss {

/// The findings of `context-leaked-from-task` in \p Program, ordered by
/// spawn site, then key name. \p Lost, when given, holds the findings of
/// analyzeProgram (`context-lost-in-task`): a field every task on a worker
/// sets before reading it is no leak (OverwrittenLeaks.h), and those
/// findings tell which tasks read before setting. Without them, they are
/// computed when needed.
std::vector<ProgramFinding>
analyzeProgramLeaks(const summary::Summary &Program,
                    const ContextOptionsLookup &Options,
                    const std::vector<ProgramFinding> *Lost = nullptr);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_PROGRAMLEAKS_H
