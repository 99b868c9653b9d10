//===--- SpawnFixes.h - The fix-its offered for one spawn site --*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The entry point of the fix builders: for the findings of one spawn site
/// (one per lost variable), the fix of the preferred strategy, for the
/// warning, and the other one, for a note. Both are single fixes covering
/// every variable lost at the spawn, so applying one never conflicts with
/// itself. No fix is built for code with compile errors or for C.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_SPAWNFIXES_H
#define CTXLOSS_FIXES_SPAWNFIXES_H

#include "checks/analysis/TUAnalysis.h"
#include "checks/fixes/CallSiteIndex.h"
#include "checks/fixes/FixOption.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <vector>

namespace ctxloss::fixes {

/// The `FixStrategy` option.
enum class FixStrategy { CopyAndRun, ExplicitParameter };

llvm::Expected<FixStrategy> parseFixStrategy(llvm::StringRef Option);
llvm::StringRef fixStrategyName(FixStrategy Strategy);

struct SpawnFixes {
  FixOption Preferred;
  FixOption Alternative;
};

/// Builds fixes for the spawn sites of one translation unit.
class FixBuilder {
public:
  FixBuilder(clang::ASTContext &Ctx, FixStrategy Strategy);
  ~FixBuilder();

  /// The fixes for \p Findings, which share one spawn site.
  SpawnFixes build(llvm::ArrayRef<const LostContext *> Findings);

private:
  const CallSiteIndex &index();

  clang::ASTContext &Ctx;
  FixStrategy Strategy;
  std::unique_ptr<CallSiteIndex> Index;
};

/// Splits \p Findings, sorted by spawn site as TUAnalysis::run returns them,
/// into the runs that share a spawn site as written.
std::vector<llvm::ArrayRef<LostContext>>
groupBySpawnSite(llvm::ArrayRef<LostContext> Findings,
                 const clang::SourceManager &SM);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_SPAWNFIXES_H
