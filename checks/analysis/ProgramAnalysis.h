//===--- ProgramAnalysis.h - Context loss across a whole program -*- C++
//-*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Links the summaries of every translation unit of a program (merged by
/// USR) and reports every spawn site whose task reaches an unrestored
/// context read, with a shortest call path, also when the spawn, the
/// functions on the path and the read are in different files. It is the
/// whole-program counterpart of TUAnalysis::run and words its findings the
/// same way. Linear in the size of the merged summary per context key.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_PROGRAMANALYSIS_H
#define CTXLOSS_ANALYSIS_PROGRAMANALYSIS_H

#include "checks/analysis/ContextModel.h"
#include "checks/analysis/SummaryFile.h"
#include <functional>

namespace ctxloss {

/// The name of the check whose findings these are.
inline constexpr llvm::StringLiteral LostInTaskCheckName =
    "context-lost-in-task";

/// A note of a finding: where and what.
struct ProgramNote {
  summary::Location Loc;
  std::string Message;
};

/// One spawn site and context key whose value is lost, as the check words
/// it: the warning at the spawn, then notes from the spawn down to the read.
struct ProgramFinding {
  summary::Location Loc;
  std::string Message;
  std::vector<ProgramNote> Notes;
  std::string Key;      ///< The key id.
  std::string Spawner;  ///< Id of the function containing the spawn.
  std::string Boundary; ///< How the task is started.
  /// The function ids from the task's entry down to the reader.
  std::vector<std::string> Chain;
};

/// The options deciding which keys are context, for a key.
using ContextOptionsLookup =
    std::function<const ContextOptions &(const summary::Key &)>;

/// Reports the findings of the whole program \p Program, ordered by spawn
/// site (file, line, column), then key name.
std::vector<ProgramFinding> analyzeProgram(const summary::Summary &Program,
                                           const ContextOptionsLookup &Options);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_PROGRAMANALYSIS_H
