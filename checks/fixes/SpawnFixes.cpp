//===--- SpawnFixes.cpp - The fix-its offered for one spawn site ----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/SpawnFixes.h"
#include "checks/fixes/CopyAndRunFix.h"
#include "checks/fixes/ExplicitParameterFix.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ctxloss::fixes {

static constexpr llvm::StringLiteral CopyAndRunName = "copy-and-run";
static constexpr llvm::StringLiteral ExplicitParameterName =
    "explicit-parameter";

llvm::Expected<FixStrategy> parseFixStrategy(llvm::StringRef Option) {
  Option = Option.trim();
  if (Option == CopyAndRunName)
    return FixStrategy::CopyAndRun;
  if (Option == ExplicitParameterName)
    return FixStrategy::ExplicitParameter;
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "invalid value '%s' (expected '%s' or '%s')",
                                 Option.str().c_str(), CopyAndRunName.data(),
                                 ExplicitParameterName.data());
}

llvm::StringRef fixStrategyName(FixStrategy Strategy) {
  return Strategy == FixStrategy::CopyAndRun ? CopyAndRunName
                                             : ExplicitParameterName;
}

FixBuilder::FixBuilder(ASTContext &Ctx, FixStrategy Strategy)
    : Ctx(Ctx), Strategy(Strategy) {}

FixBuilder::~FixBuilder() = default;

const CallSiteIndex &FixBuilder::index() {
  if (!Index)
    Index = std::make_unique<CallSiteIndex>(Ctx);
  return *Index;
}

SpawnFixes FixBuilder::build(llvm::ArrayRef<const LostContext *> Findings) {
  SpawnFixes Fixes;
  // Edits to code that does not compile, or to C, which has neither
  // lambdas nor default arguments, are not offered.
  if (Findings.empty() || !Ctx.getLangOpts().CPlusPlus ||
      Ctx.getDiagnostics().hasUncompilableErrorOccurred())
    return Fixes;
  FixOption CopyAndRun;
  if (Ctx.getLangOpts().CPlusPlus17)
    CopyAndRun = buildCopyAndRunFix(Findings, Ctx);
  FixOption Explicit = buildExplicitParameterFix(
      Findings, Ctx, [this]() -> const CallSiteIndex & { return index(); });
  if (Strategy == FixStrategy::CopyAndRun) {
    Fixes.Preferred = std::move(CopyAndRun);
    Fixes.Alternative = std::move(Explicit);
  } else {
    Fixes.Preferred = std::move(Explicit);
    Fixes.Alternative = std::move(CopyAndRun);
  }
  return Fixes;
}

std::vector<llvm::ArrayRef<LostContext>>
groupBySpawnSite(llvm::ArrayRef<LostContext> Findings,
                 const SourceManager &SM) {
  std::vector<llvm::ArrayRef<LostContext>> Groups;
  size_t Begin = 0;
  auto Site = [&](size_t I) {
    return SM.getExpansionLoc(Findings[I].Spawn->Call->getBeginLoc());
  };
  for (size_t I = 1; I <= Findings.size(); ++I) {
    if (I < Findings.size() && Site(I) == Site(Begin))
      continue;
    Groups.push_back(Findings.slice(Begin, I - Begin));
    Begin = I;
  }
  return Groups;
}

} // namespace ctxloss::fixes
