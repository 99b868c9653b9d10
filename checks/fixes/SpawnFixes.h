//===--- SpawnFixes.h - The fix-its offered for one spawn site --*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The entry point of the fix builders: for each spawn site, the fix of the
/// preferred strategy, for the warning, and the other one, for a note. Each
/// is a single fix covering every variable lost at the site, so applying one
/// never conflicts with itself. No fix is built for code with compile errors
/// or for C.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_SPAWNFIXES_H
#define CTXLOSS_FIXES_SPAWNFIXES_H

#include "checks/analysis/TUAnalysis.h"
#include "checks/fixes/FixOption.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <vector>

namespace ctxloss::fixes {

/// The `FixStrategy` option.
enum class FixStrategy : std::uint8_t { CopyAndRun, ExplicitParameter };

llvm::Expected<FixStrategy> parseFixStrategy(llvm::StringRef Option);
llvm::StringRef fixStrategyName(FixStrategy Strategy);

/// The fixes offered at one spawn site.
struct SiteFixes {
  /// The site's findings, one per lost variable; the fixes go on the first.
  llvm::ArrayRef<LostContext> Findings;
  /// The FixStrategy's fix, for the warning.
  FixOption Preferred;
  /// The other strategy's fix, for a note.
  FixOption Alternative;
};

/// Builds the fixes for every spawn site of a translation unit. \p Findings
/// must be sorted by spawn site, as TUAnalysis::run returns them.
///
/// Copy-and-run fixes are per site. Explicit-parameter fixes of sites whose
/// call chains share a function are one fix, offered at the first of them:
/// two separate fixes would both add the parameter to that function (and
/// clang-tidy drops overlapping fixes), and either alone would leave the
/// other task reading the thread-local through the new default argument.
std::vector<SiteFixes> buildFixes(llvm::ArrayRef<LostContext> Findings,
                                  const TUAnalysis &Analysis,
                                  clang::ASTContext &Ctx, FixStrategy Strategy);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_SPAWNFIXES_H
