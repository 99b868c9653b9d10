//===--- RestoreRecipe.cpp - How a profile carries a value over -----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/RestoreRecipe.h"
#include "checks/fixes/Spelling.h"

using namespace clang;

namespace ctxloss::fixes {

/// The `thread-local` profile: copy the variable, assign it back for the
/// task's duration with ctxloss::scoped_value.
static RestoreRecipe threadLocalRecipe(const VarDecl *Var,
                                       llvm::StringRef VarSpelling,
                                       llvm::StringSet<> &Taken) {
  RestoreRecipe R;
  std::string Name = Var->getName().str();
  R.SnapshotName = uniqueName("ctx_" + Name, Taken);
  R.SnapshotExpr = spellVariable(Var);
  std::string Guard = uniqueName("restore_" + Name, Taken);
  R.RestoreStmt = "ctxloss::scoped_value " + Guard + "(" + VarSpelling.str() +
                  ", " + R.SnapshotName + ");";
  R.Header = "<ctxloss/context.h>";
  return R;
}

std::optional<RestoreRecipe> recipeFor(const VarDecl *Var,
                                       llvm::StringRef VarSpelling,
                                       llvm::StringSet<> &Taken) {
  if (!Var->getIdentifier())
    return std::nullopt;
  return threadLocalRecipe(Var, VarSpelling, Taken);
}

} // namespace ctxloss::fixes
