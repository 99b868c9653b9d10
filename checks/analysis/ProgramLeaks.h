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
/// spawn site, then key name.
std::vector<ProgramFinding>
analyzeProgramLeaks(const summary::Summary &Program,
                    const ContextOptionsLookup &Options);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_PROGRAMLEAKS_H
