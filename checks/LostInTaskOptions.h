//===--- LostInTaskOptions.h - The options of context-lost-in-task -*- C++ -*-//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The one reader of `context-lost-in-task`'s options, shared by the check
/// (plugin, ctxloss-tidy, ctxloss-clangd) and the ctxloss driver, so that a
/// value means the same thing, and a bad value is the same error, in all of
/// them.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_CHECKS_LOSTINTASKOPTIONS_H
#define CTXLOSS_CHECKS_LOSTINTASKOPTIONS_H

#include "checks/analysis/TUAnalysis.h"
#include "checks/fixes/SpawnFixes.h"
#include "clang-tidy/utils/IncludeSorter.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <vector>

namespace ctxloss {

/// The value of the check's option \p Name (`ContextVariables`, without the
/// check's prefix), or none when it is not set. With \p OrGlobal, a global
/// option of that name counts too (as clang-tidy's `getLocalOrGlobal`).
using OptionLookup = llvm::function_ref<std::optional<std::string>(
    llvm::StringRef Name, bool OrGlobal)>;

/// The check's options, parsed.
struct LostInTaskOptions {
  AnalysisOptions Analysis;
  fixes::FixStrategy Strategy = fixes::FixStrategy::CopyAndRun;
  clang::tidy::utils::IncludeSorter::IncludeStyle IncludeStyle =
      clang::tidy::utils::IncludeSorter::IS_LLVM;

  /// The values as written (the default when unset).
  std::string ContextVariables, IgnoredVariables, SpawnFunctions,
      PoolLikeClasses, PoolLikeMethods, FixStrategy, Profiles, ContextAccessors,
      CaptureWrappers, LoggingReadsContext, TaskObjectOverrides;
  /// The option fields of the user-defined profiles, as written.
  llvm::StringMap<ProfileFields> UserProfiles;

  /// One message per invalid value: `option 'Name': what is wrong`. The
  /// option then has its default (an empty list for a malformed list).
  std::vector<std::string> Errors;

  /// The values of the options that change a translation unit's summary,
  /// for cache keys.
  std::string summaryFingerprint() const;
  /// The values of every option the analysis of a translation unit depends
  /// on: the checks whose fingerprints agree share one analysis.
  std::string analysisFingerprint() const;
};

/// Reads the options of the check \p CheckName through \p Get. Every
/// check of the `context` module has these options: the engine's, and how
/// fixes are spelled.
LostInTaskOptions readLostInTaskOptions(llvm::StringRef CheckName,
                                        OptionLookup Get);

/// The spelling of a boolean option value clang-tidy accepts (YAML's
/// `true`/`false`/`yes`/`no`/`on`/`off` in their usual cases, or an integer).
std::optional<bool> parseBooleanOption(llvm::StringRef Value);

} // namespace ctxloss

#endif // CTXLOSS_CHECKS_LOSTINTASKOPTIONS_H
