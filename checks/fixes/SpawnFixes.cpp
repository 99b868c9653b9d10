//===--- SpawnFixes.cpp - The fix-its offered for one spawn site ----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/SpawnFixes.h"
#include "checks/fixes/CopyAndRunFix.h"
#include "checks/fixes/ExplicitParameterFix.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

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

using Group = llvm::ArrayRef<LostContext>;

/// Splits findings sorted by spawn site into the runs that share a site as
/// written.
static std::vector<Group> groupBySpawnSite(Group Findings,
                                           const SourceManager &SM) {
  std::vector<Group> Groups;
  auto Site = [&](size_t I) {
    return SM.getExpansionLoc(Findings[I].Spawn->Call->getBeginLoc());
  };
  size_t Begin = 0;
  for (size_t I = 1; I <= Findings.size(); ++I) {
    if (I < Findings.size() && Site(I) == Site(Begin))
      continue;
    Groups.push_back(Findings.slice(Begin, I - Begin));
    Begin = I;
  }
  return Groups;
}

/// Joins the groups whose call chains share a function: for each group, the
/// index of the first group of its cluster.
static llvm::SmallVector<size_t, 8>
clusterByChain(llvm::ArrayRef<Group> Groups) {
  llvm::SmallVector<size_t, 8> Leader(Groups.size());
  auto Find = [&](size_t I) {
    while (Leader[I] != I)
      I = Leader[I] = Leader[Leader[I]];
    return I;
  };
  llvm::DenseMap<const Decl *, size_t> Owner;
  for (size_t I = 0; I < Groups.size(); ++I) {
    Leader[I] = I;
    for (const LostContext &F : Groups[I]) {
      llvm::SmallVector<const Decl *, 4> Chain;
      Chain.push_back(F.Task.Entry);
      for (const CallEdge *Edge : F.Path)
        Chain.push_back(Edge->Callee);
      for (const Decl *Fn : Chain) {
        auto [It, New] = Owner.try_emplace(Fn->getCanonicalDecl(), I);
        if (!New) {
          size_t A = Find(It->second);
          size_t B = Find(I);
          // The earlier group leads.
          Leader[std::max(A, B)] = std::min(A, B);
        }
      }
    }
  }
  for (size_t I = 0; I < Groups.size(); ++I)
    Leader[I] = Find(I);
  return Leader;
}

/// Builds the fixes of one translation unit.
class FixBuilder {
public:
  FixBuilder(ASTContext &Ctx, const TUAnalysis &Analysis, FixStrategy Strategy)
      : Ctx(Ctx), Analysis(Analysis), Strategy(Strategy) {}

  std::vector<SiteFixes> build(Group Findings);

private:
  const CallSiteIndex &index() {
    if (!Index)
      Index = std::make_unique<CallSiteIndex>(Ctx);
    return *Index;
  }
  FixOption explicitFix(llvm::ArrayRef<Group> Groups,
                        llvm::ArrayRef<size_t> Leader, size_t I);

  ASTContext &Ctx;
  const TUAnalysis &Analysis;
  FixStrategy Strategy;
  std::unique_ptr<CallSiteIndex> Index;
  /// The explicit-parameter fix of each cluster, by leading group.
  llvm::DenseMap<size_t, FixOption> ClusterFixes;
};

FixOption FixBuilder::explicitFix(llvm::ArrayRef<Group> Groups,
                                  llvm::ArrayRef<size_t> Leader, size_t I) {
  auto Build = [&](llvm::ArrayRef<const LostContext *> Findings) {
    return buildExplicitParameterFix(
        Findings, Ctx, Analysis,
        [this]() -> const CallSiteIndex & { return index(); });
  };
  size_t Lead = Leader[I];
  auto It = ClusterFixes.find(Lead);
  if (It == ClusterFixes.end()) {
    llvm::SmallVector<const LostContext *, 4> Cluster;
    for (size_t J = Lead; J < Groups.size(); ++J)
      if (Leader[J] == Lead)
        for (const LostContext &F : Groups[J])
          Cluster.push_back(&F);
    It = ClusterFixes.try_emplace(Lead, Build(Cluster)).first;
  }
  const FixOption &Fix = It->second;
  if (Fix.offered()) {
    if (I == Lead)
      return Fix;
    SourceLocation LeadSite = Ctx.getSourceManager().getExpansionLoc(
        Groups[Lead].front().Spawn->Call->getBeginLoc());
    return FixOption::declined(
        LeadSite, "the explicit-parameter fix-it of the spawn here also "
                  "threads the value into this task (their call chains "
                  "share functions)");
  }
  // Explain with this site's own obstacle when it has one.
  llvm::SmallVector<const LostContext *, 2> Site;
  for (const LostContext &F : Groups[I])
    Site.push_back(&F);
  FixOption Alone = Build(Site);
  if (!Alone.offered() || Fix.WhyNot.empty())
    return Alone.offered() ? FixOption::declined() : Alone;
  llvm::StringRef Why = Fix.WhyNot;
  Why.consume_front("no explicit-parameter fix-it: ");
  return FixOption::declined(
      Fix.WhyNotLoc, ("no explicit-parameter fix-it: the call chain shares "
                      "functions with another task's, where " +
                      Why)
                         .str());
}

std::vector<SiteFixes> FixBuilder::build(Group Findings) {
  std::vector<Group> Groups =
      groupBySpawnSite(Findings, Ctx.getSourceManager());
  std::vector<SiteFixes> Sites;
  Sites.reserve(Groups.size());
  for (Group G : Groups)
    Sites.push_back({G, {}, {}});
  // Edits to code that does not compile, or to C, which has neither
  // lambdas nor default arguments, are not offered.
  if (!Ctx.getLangOpts().CPlusPlus ||
      Ctx.getDiagnostics().hasUncompilableErrorOccurred())
    return Sites;
  llvm::SmallVector<size_t, 8> Leader = clusterByChain(Groups);
  for (size_t I = 0; I < Groups.size(); ++I) {
    llvm::SmallVector<const LostContext *, 2> Site;
    for (const LostContext &F : Groups[I])
      Site.push_back(&F);
    FixOption CopyAndRun;
    if (Ctx.getLangOpts().CPlusPlus17)
      CopyAndRun = buildCopyAndRunFix(Site, Ctx, Analysis);
    FixOption Explicit = explicitFix(Groups, Leader, I);
    if (Strategy == FixStrategy::CopyAndRun) {
      Sites[I].Preferred = std::move(CopyAndRun);
      Sites[I].Alternative = std::move(Explicit);
    } else {
      Sites[I].Preferred = std::move(Explicit);
      Sites[I].Alternative = std::move(CopyAndRun);
    }
  }
  return Sites;
}

std::vector<SiteFixes> buildFixes(llvm::ArrayRef<LostContext> Findings,
                                  const TUAnalysis &Analysis, ASTContext &Ctx,
                                  FixStrategy Strategy) {
  return FixBuilder(Ctx, Analysis, Strategy).build(Findings);
}

} // namespace ctxloss::fixes
