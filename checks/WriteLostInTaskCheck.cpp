//===--- WriteLostInTaskCheck.cpp - ctxloss -------------------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/WriteLostInTaskCheck.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::context {

void WriteLostInTaskCheck::reportFindings(ctxloss::TUAnalysis &Analysis) {
  for (const ctxloss::LostWrite &Finding : ctxloss::findLostWrites(Analysis))
    report(Finding);
}

/// Where a statement is shown: a statement written in a macro argument
/// where it is written, one a macro expands to at the expansion.
static SourceLocation shownAt(const SourceManager &SM, SourceLocation Loc) {
  return SM.getFileLoc(Loc);
}

void WriteLostInTaskCheck::report(const ctxloss::LostWrite &Finding) {
  const SourceManager &SM = Finding.Spawner->getASTContext().getSourceManager();
  std::string Context = ctxloss::describeContext(Finding.Key);
  auto At = [&](const Stmt *S) { return SM.getExpansionLoc(S->getBeginLoc()); };
  auto NameAt = [&](const Expr *Call) {
    return shownAt(SM, ctxloss::getCallNameLoc(Call));
  };
  SourceLocation Loc = Finding.Read && Finding.ReadPath.empty()
                           ? shownAt(SM, ctxloss::getReadLoc(*Finding.Read))
                           : NameAt(Finding.ReadPath.front()->Site);
  if (Finding.Read && Finding.ReadPath.empty() && Finding.Read->DefaultArg)
    Loc = SM.getExpansionLoc(Finding.Read->DefaultArg->getUsedLocation());

  diag(Loc, "%0 is read after waiting for a task that writes it, but the "
            "task's write stays on the task's thread")
      << Context;

  // Where the task starts, and how a helper hands it on.
  std::string Spawner = ctxloss::describeFunction(Finding.Spawner);
  const ctxloss::SpawnSite &Spawn = *Finding.Site->Spawn;
  noteSpawn(SM, Spawner, Spawn);
  noteHelperChain(Finding.Helper, Spawn.Call);
  noteTask(Finding.Task);
  reportWrite(Finding, Context);

  if (const ctxloss::ProgramSpawn *External = Finding.ExternalWait) {
    // A helper defined elsewhere: shown at the call that hands it the task.
    diag(NameAt(cast<Expr>(Spawn.Call)),
         "%0 waits for the task with '%1' at %2 (program summary)",
         DiagnosticIDs::Note)
        << External->Spawner << External->Waits->Method
        << External->Waits->Loc.str();
  } else {
    const Stmt *Join = Finding.Join->At;
    const auto *JoinCall = dyn_cast<CallExpr>(Join);
    SourceLocation JoinLoc = JoinCall ? NameAt(JoinCall) : At(Join);
    // A handle's destructor waits where its scope ends.
    if (const CompoundStmt *Scope = Finding.Join->Scope)
      JoinLoc = SM.getExpansionLoc(Scope->getRBracLoc());
    diag(JoinLoc, "%0 waits for the task with '%1' here", DiagnosticIDs::Note)
        << ctxloss::describeFunction(Finding.Waiter) << Finding.Join->How;
  }

  reportRead(Finding, Context);
  diag(Loc,
       "return the value from the task and set it on this thread, or pass "
       "it back explicitly",
       DiagnosticIDs::Note);
}

void WriteLostInTaskCheck::reportWrite(const ctxloss::LostWrite &Finding,
                                       StringRef Context) {
  const SourceManager &SM = Finding.Spawner->getASTContext().getSourceManager();
  noteCallPath(Finding.WritePath, Finding.WriteCallers);
  const Stmt *Write = Finding.Write->At;
  SourceLocation Loc = SM.getExpansionLoc(Write->getBeginLoc());
  const FunctionDecl *Through = nullptr;
  // An assignment is shown at its target; a setter's call at its name.
  const auto *Call = dyn_cast<CallExpr>(Write);
  if (Call && !isa<CXXOperatorCallExpr>(Call)) {
    Loc = shownAt(SM, ctxloss::getCallNameLoc(Call));
    // A context library's setter names the context it writes.
    if (isa<const ctxloss::Profile *>(Finding.Key))
      Through = Call->getDirectCallee();
  }
  diag(Loc, "%0 writes %1%select{| through '%3'}2 here", DiagnosticIDs::Note)
      << ctxloss::describeFunction(Finding.Writer) << Context
      << (Through != nullptr)
      << (Through ? Through->getQualifiedNameAsString() : std::string());
}

void WriteLostInTaskCheck::reportRead(const ctxloss::LostWrite &Finding,
                                      StringRef Context) {
  const SourceManager &SM = Finding.Spawner->getASTContext().getSourceManager();
  if (Finding.ReadPath.empty()) {
    // A call of a function defined elsewhere that the program summary says
    // leads to a read: where that read is.
    const ctxloss::ContextRead &Read = *Finding.Read;
    const auto *Call = dyn_cast<CallExpr>(Read.Ref);
    if (const ctxloss::ProgramRead *External = Read.External; External && Call)
      diag(shownAt(SM, ctxloss::getCallNameLoc(Call)),
           "%0 calls %1 here, which leads to a read of %2 by %3 at %4 "
           "(program summary)",
           DiagnosticIDs::Note)
          << ctxloss::describeFunction(Finding.Reader)
          << ctxloss::describeFunction(Call->getCalleeDecl()) << Context
          << External->Reader << External->Loc.str();
    return;
  }
  noteCallPath(Finding.ReadPath, Finding.ReadCallers);
  const ctxloss::ContextRead &Read = *Finding.Read;
  SourceLocation Loc = shownAt(SM, ctxloss::getReadLoc(Read));
  std::string Reader = ctxloss::describeFunction(Finding.Reader);
  if (const CXXDefaultArgExpr *Default = Read.DefaultArg) {
    diag(SM.getExpansionLoc(Default->getUsedLocation()),
         "%0 reads %1 here, in the default argument of %2", DiagnosticIDs::Note)
        << Reader << Context
        << ctxloss::describeFunction(
               cast<Decl>(Default->getParam()->getDeclContext()));
    return;
  }
  if (Read.Accessor) {
    diag(Loc, "%0 reads %1 through '%2' here", DiagnosticIDs::Note)
        << Reader << Context << Read.Accessor->getQualifiedNameAsString();
    return;
  }
  const auto *Call = dyn_cast<CallExpr>(Read.Ref);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !isa<const ctxloss::Profile *>(Finding.Key)) {
    diag(Loc, "%0 reads %1 here", DiagnosticIDs::Note) << Reader << Context;
    return;
  }
  diag(Loc, "%0 reads %1 through '%2' here", DiagnosticIDs::Note)
      << Reader << Context << Callee->getQualifiedNameAsString();
}

} // namespace clang::tidy::context
