//===--- Overriders.cpp - The bodies a virtual call may run ---------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/Overriders.h"
#include "checks/analysis/CallableResolver.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ctxloss {

void OverriderIndex::add(const FunctionDecl *Def) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Def);
  if (!Method || !Method->isVirtual() || !Seen.insert(Def).second)
    return;
  // Every member it overrides, through any number of bases.
  llvm::SmallVector<const CXXMethodDecl *, 4> Work(
      Method->overridden_methods().begin(), Method->overridden_methods().end());
  llvm::SmallPtrSet<const CXXMethodDecl *, 4> Done;
  while (!Work.empty()) {
    const CXXMethodDecl *Base = Work.pop_back_val()->getCanonicalDecl();
    if (!Done.insert(Base).second)
      continue;
    Overrides[Base].push_back(Def);
    Work.append(Base->overridden_methods().begin(),
                Base->overridden_methods().end());
  }
}

llvm::SmallVector<const FunctionDecl *, 2>
OverriderIndex::candidates(const CXXMethodDecl *Called) const {
  llvm::SmallVector<const FunctionDecl *, 2> Out;
  if (!Called->isPureVirtual())
    if (const FunctionDecl *Own = getDefinitionWithBody(Called))
      Out.push_back(Own);
  auto It = Overrides.find(Called->getCanonicalDecl());
  if (It != Overrides.end())
    for (const FunctionDecl *Def : It->second)
      if (!llvm::is_contained(Out, Def))
        Out.push_back(Def);
  return Out;
}

} // namespace ctxloss
