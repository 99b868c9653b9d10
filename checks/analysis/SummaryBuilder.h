//===--- SummaryBuilder.h - Summarise one function body ---------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Walks one function body once and records its FunctionSummary: reads and
/// writes of thread-local variables, calls to functions with visible bodies,
/// spawn sites, and the lambdas it defines. Unevaluated operands (`sizeof`,
/// `decltype`, ...) are skipped; lambda bodies and local classes belong to
/// functions of their own.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_SUMMARYBUILDER_H
#define CTXLOSS_ANALYSIS_SUMMARYBUILDER_H

#include "checks/analysis/FunctionSummary.h"
#include "checks/analysis/Profile.h"
#include "checks/analysis/SpawnRecognizer.h"

namespace ctxloss {

/// What the summaries are built against.
struct SummaryContext {
  const SpawnRecognizer &Spawns;
  const ProfileMatcher &Profiles;
  /// Which functions hand out thread-locals.
  const AccessorIndex &Accessors;
  /// The `CaptureWrappers` option: wrappers around a callable that carry
  /// every context over.
  const NameRegexList &CaptureWrappers;
};

/// Builds the summary of \p Fn (a function or an OpenMP region's
/// `CapturedDecl`), which must have a body.
FunctionSummary summarizeFunction(const clang::Decl *Fn,
                                  const SummaryContext &With);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_SUMMARYBUILDER_H
