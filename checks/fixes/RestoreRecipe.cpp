//===--- RestoreRecipe.cpp - How a profile carries a value over -----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/RestoreRecipe.h"
#include "checks/fixes/Spelling.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace ctxloss::fixes {

/// The `thread-local` profile: copy the variable, assign it back for the
/// task's duration with ctxloss::scoped_value.
static RestoreRecipe threadLocalRecipe(const VarDecl *Var,
                                       llvm::StringRef VarSpelling,
                                       llvm::StringRef SnapshotSpelling,
                                       llvm::StringSet<> &Taken,
                                       llvm::StringRef ScopeClass) {
  RestoreRecipe R;
  std::string Name = Var->getName().str();
  R.SnapshotName = uniqueName("ctx_" + Name, Taken);
  R.SnapshotExpr = SnapshotSpelling.str();
  std::string Guard = uniqueName("restore_" + Name, Taken);
  R.RestoreStmt = "ctxloss::scoped_value " + Guard + "(" + VarSpelling.str() +
                  ", " + R.SnapshotName + ");";
  R.Header = "<ctxloss/context.h>";
  if (!ScopeClass.empty()) {
    // The project's own scope class, constructed from the snapshot.
    R.RestoreStmt =
        (ScopeClass + " " + Guard + "(" + R.SnapshotName + ");").str();
    R.Header.clear();
  }
  return R;
}

/// A profile's own snapshot and restore.
static std::optional<RestoreRecipe> profileRecipe(const Profile &P,
                                                  llvm::StringSet<> &Taken) {
  if (!P.hasRecipe())
    return std::nullopt;
  std::string Base = P.Name;
  for (char &C : Base)
    if (!llvm::isAlnum(C))
      C = '_';
  RestoreRecipe R;
  R.SnapshotName = uniqueName("ctx_" + Base, Taken);
  R.SnapshotExpr = P.Snapshot;
  std::string Guard = uniqueName("restore_" + Base, Taken);
  std::string Stmt = P.Restore;
  for (auto [Placeholder, Name] :
       {std::pair<llvm::StringRef, llvm::StringRef>{"$ctx", R.SnapshotName},
        {"$guard", Guard}})
    for (size_t At = Stmt.find(Placeholder); At != std::string::npos;
         At = Stmt.find(Placeholder, At + Name.size()))
      Stmt.replace(At, Placeholder.size(), Name.str());
  R.RestoreStmt = Stmt;
  R.Header = P.Header;
  return R;
}

std::optional<RestoreRecipe> recipeFor(ContextKey Key,
                                       llvm::StringRef VarSpelling,
                                       llvm::StringRef SnapshotSpelling,
                                       llvm::StringSet<> &Taken,
                                       llvm::StringRef ScopeClass) {
  if (const auto *P = Key.dyn_cast<const Profile *>())
    return profileRecipe(*P, Taken);
  const auto *Var = cast<const VarDecl *>(Key);
  if (!Var->getIdentifier())
    return std::nullopt;
  return threadLocalRecipe(Var, VarSpelling, SnapshotSpelling, Taken,
                           ScopeClass);
}

} // namespace ctxloss::fixes
