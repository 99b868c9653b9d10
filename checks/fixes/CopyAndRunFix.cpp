//===--- CopyAndRunFix.cpp - Snapshot at spawn, restore in the task -------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/CopyAndRunFix.h"
#include "checks/fixes/Includes.h"
#include "checks/fixes/LambdaEdits.h"
#include "checks/fixes/RestoreRecipe.h"
#include "checks/fixes/Spelling.h"
#include "checks/fixes/StorageSpelling.h"
#include "checks/fixes/TaskCallable.h"
#include "checks/fixes/TypeTraits.h"
#include "llvm/ADT/MapVector.h"

using namespace clang;

namespace ctxloss::fixes {

namespace {

/// Builds the edits for each callable of the spawn in turn.
class CopyAndRunBuilder {
public:
  CopyAndRunBuilder(
      ASTContext &Ctx, const TUAnalysis &Analysis,
      const llvm::DenseMap<ContextKey, const FunctionDecl *> &ReadThrough)
      : Ctx(Ctx), Analysis(Analysis), ReadThrough(ReadThrough),
        Edits(Ctx.getSourceManager()) {}

  /// Adds the edits for \p Vars lost in \p Task; false with Result's
  /// explanation set when there is no fix.
  bool addTask(const TaskCallable &Task, llvm::ArrayRef<ContextKey> Keys);

  FixOption finish();

  FixOption Result;

private:
  bool decline(SourceLocation Loc, std::string Why = "") {
    Result = FixOption::declined(Loc, std::move(Why));
    return false;
  }
  bool checkVariables(const TaskCallable &Task,
                      llvm::ArrayRef<ContextKey> Keys);
  bool editLambda(const LambdaExpr *Lambda, llvm::ArrayRef<ContextKey> Keys);
  bool wrapCallable(const Expr *Arg, llvm::ArrayRef<ContextKey> Keys);
  /// The recipe for \p Key; declines at \p At when the variable cannot be
  /// named there.
  std::optional<RestoreRecipe> recipe(ContextKey Key, SourceLocation At,
                                      const llvm::StringSet<> &Avoid,
                                      llvm::StringSet<> &Taken);

  ASTContext &Ctx;
  const TUAnalysis &Analysis;
  /// The accessor each variable is read through, if any.
  const llvm::DenseMap<ContextKey, const FunctionDecl *> &ReadThrough;
  EditSet Edits;
  llvm::SmallVector<std::string, 2> Headers;
  FileID HeaderFile;
};

} // namespace

static void addUnique(llvm::SmallVectorImpl<std::string> &List,
                      llvm::StringRef S) {
  // A user profile may name no header.
  if (!S.empty() && !llvm::is_contained(List, S))
    List.push_back(S.str());
}

bool CopyAndRunBuilder::checkVariables(const TaskCallable &Task,
                                       llvm::ArrayRef<ContextKey> Keys) {
  SourceLocation At =
      Ctx.getSourceManager().getExpansionLoc(Task.Arg->getBeginLoc());
  for (ContextKey Key : Keys) {
    // Keys and wrappers are declined with their own note.
    const auto *Var = Key.dyn_cast<const VarDecl *>();
    if (Var && isThreadLocal(Var) && !isCopyableValue(Var->getType()))
      return decline(
          At, "no fix-it: '" + spellVariable(Var) + "' has type '" +
                  Var->getType().getAsString(Ctx.getPrintingPolicy()) +
                  "', which cannot be copied into the task; carry what the "
                  "task needs from it as an argument instead");
  }
  return true;
}

std::optional<RestoreRecipe>
CopyAndRunBuilder::recipe(ContextKey Key, SourceLocation At,
                          const llvm::StringSet<> &Avoid,
                          llvm::StringSet<> &Taken) {
  const auto *Var = Key.dyn_cast<const VarDecl *>();
  if (!Var) {
    std::optional<RestoreRecipe> R = recipeFor(Key, "", "", Taken);
    if (!R)
      decline({});
    return R;
  }
  std::string WhyNot;
  std::optional<StorageSpelling> Spelling =
      spellStorage(Var, ReadThrough.lookup(Key), Analysis, Avoid, WhyNot);
  if (!Spelling) {
    decline(At, WhyNot);
    return std::nullopt;
  }
  std::optional<RestoreRecipe> R = recipeFor(
      Key, Spelling->InTask, Spelling->Snapshot, Taken, Spelling->ScopeClass);
  if (!R)
    decline({});
  return R;
}

bool CopyAndRunBuilder::editLambda(const LambdaExpr *Lambda,
                                   llvm::ArrayRef<ContextKey> Keys) {
  if (!isEditableLambda(Lambda))
    return decline({});
  // New names avoid every identifier written in the lambda; the variable is
  // spelled so that nothing the lambda declares hides it.
  llvm::StringSet<> Taken = identifiersIn(Lambda->getSourceRange(), Ctx);
  llvm::StringSet<> Declared = namesDeclaredIn(Lambda);
  llvm::SmallVector<std::string, 2> Captures;
  llvm::SmallVector<std::string, 2> Restores;
  SourceLocation At =
      Ctx.getSourceManager().getExpansionLoc(Lambda->getBeginLoc());
  for (ContextKey Key : Keys) {
    std::optional<RestoreRecipe> R = recipe(Key, At, Declared, Taken);
    if (!R)
      return false;
    Captures.push_back(R->SnapshotName + " = " + R->SnapshotExpr);
    Restores.push_back(R->RestoreStmt);
    addUnique(Headers, R->Header);
  }
  addCaptures(Lambda, Captures, Edits);
  addLeadingStatements(Lambda, Restores, Ctx.getSourceManager(), Edits);
  return true;
}

bool CopyAndRunBuilder::wrapCallable(const Expr *Arg,
                                     llvm::ArrayRef<ContextKey> Keys) {
  std::optional<CharSourceRange> Range = writtenRange(Arg, Ctx);
  std::optional<std::string> Text = writtenText(Arg, Ctx);
  if (!Range || !Text)
    return decline({});
  llvm::StringSet<> Taken = {"task", "args"};
  std::string Captures;
  std::string Restores;
  std::string Indent =
      lineIndentation(Range->getBegin(), Ctx.getSourceManager());
  SourceLocation At = Ctx.getSourceManager().getExpansionLoc(Range->getBegin());
  for (ContextKey Key : Keys) {
    llvm::StringSet<> Avoid = Taken;
    std::optional<RestoreRecipe> R = recipe(Key, At, Avoid, Taken);
    if (!R)
      return false;
    Captures += R->SnapshotName + " = " + R->SnapshotExpr + ", ";
    Restores += Indent + "  " + R->RestoreStmt + "\n";
    addUnique(Headers, R->Header);
  }
  addUnique(Headers, "<functional>"); // std::invoke
  std::string Wrapper = "[" + Captures + "task = " + *Text +
                        "](auto &&...args)" +
                        (needsMutableCall(Arg->getType()) ? " mutable" : "") +
                        " -> decltype(auto) {\n" + Restores + Indent +
                        "  return std::invoke(task, "
                        "std::forward<decltype(args)>(args)...);\n" +
                        Indent + "}";
  Edits.replace(*Range, Wrapper);
  return true;
}

bool CopyAndRunBuilder::addTask(const TaskCallable &Task,
                                llvm::ArrayRef<ContextKey> Keys) {
  if (!Task.Arg)
    return decline({});
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation At = SM.getExpansionLoc(Task.Arg->getBeginLoc());
  // A profile without a recipe has no fix; the check's note says how to
  // carry its context by hand.
  if (llvm::any_of(Keys, [](ContextKey Key) {
        const auto *P = Key.dyn_cast<const Profile *>();
        return P && !P->hasRecipe();
      }))
    return decline({});
  if (Task.NeedsFunctionPointer) {
    std::string Names;
    bool OnlyVariables = true;
    for (ContextKey Key : Keys) {
      if (!Names.empty())
        Names += ", ";
      if (const auto *Var = Key.dyn_cast<const VarDecl *>()) {
        Names += "'" + spellVariable(Var) + "'";
      } else {
        Names += cast<const Profile *>(Key)->Description;
        OnlyVariables = false;
      }
    }
    return decline(
        At, "no fix-it: the task is passed as a function pointer, which "
            "cannot carry a snapshot of " +
                Names + "; pass the value through the task's argument and " +
                (OnlyVariables ? "restore it with 'ctxloss::scoped_value' at "
                                 "the top of the task"
                               : "restore it at the top of the task"));
  }
  if (Task.NeedsClass)
    return decline(
        At, "no fix-it: the task is passed as '" +
                Task.NeedsClass->getQualifiedNameAsString() +
                "', which a lambda carrying the snapshot would not convert "
                "to; snapshot the value where the task is made and restore "
                "it at the top of the task");
  if (!checkVariables(Task, Keys))
    return false;
  if (!HeaderFile.isValid())
    HeaderFile = SM.getFileID(At);
  if (Task.Lambda)
    return editLambda(Task.Lambda, Keys);
  return wrapCallable(Task.Arg, Keys);
}

FixOption CopyAndRunBuilder::finish() {
  FixOption F;
  F.Hints = Edits.hints();
  if (F.Hints.empty())
    return F;
  // Headers the file includes already, in whichever spelling.
  for (const std::string &Header : Headers)
    if (!includesHeader(Ctx.getSourceManager(), HeaderFile, Header))
      F.Headers.push_back(Header);
  F.HeaderFile = HeaderFile;
  return F;
}

FixOption buildCopyAndRunFix(llvm::ArrayRef<const LostContext *> Findings,
                             ASTContext &Ctx, const TUAnalysis &Analysis) {
  // The variables lost through each callable of the spawn, in order.
  llvm::MapVector<const Expr *,
                  std::pair<TaskCallable, llvm::SmallVector<ContextKey, 2>>>
      Tasks;
  llvm::DenseMap<ContextKey, const FunctionDecl *> ReadThrough;
  for (const LostContext *F : Findings) {
    if (F->Read && F->Read->Accessor)
      ReadThrough.try_emplace(F->Key, F->Read->Accessor);
    TaskCallable Task = findTaskCallable(*F);
    auto &Entry = Tasks[Task.Arg];
    Entry.first = Task;
    if (!llvm::is_contained(Entry.second, F->Key))
      Entry.second.push_back(F->Key);
  }
  CopyAndRunBuilder Builder(Ctx, Analysis, ReadThrough);
  for (auto &[Arg, Task] : Tasks)
    if (!Builder.addTask(Task.first, Task.second))
      return Builder.Result;
  return Builder.finish();
}

} // namespace ctxloss::fixes
