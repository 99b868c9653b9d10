//===--- LostInTaskCheck.cpp - ctxloss ------------------------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/LostInTaskCheck.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::context {

void LostInTaskCheck::reportFindings(ctxloss::TUAnalysis &Analysis) {
  const std::vector<ctxloss::LostContext> &Findings = Analysis.lostContexts();
  if (Findings.empty())
    return;
  // One fix per spawn site, covering every variable lost there, on the
  // site's first warning.
  ASTContext &Ctx = Findings.front().Task.Entry->getASTContext();
  for (const ctxloss::fixes::SiteFixes &Site :
       ctxloss::fixes::buildFixes(Findings, Analysis, Ctx, options().Strategy))
    for (const ctxloss::LostContext &Finding : Site.Findings)
      report(Finding, &Finding == Site.Findings.data() ? &Site : nullptr);
}

void LostInTaskCheck::report(const ctxloss::LostContext &Finding,
                             const ctxloss::fixes::SiteFixes *Fixes) {
  const SourceManager &SM =
      Finding.Task.Entry->getASTContext().getSourceManager();
  const ctxloss::Profile *Profile = Finding.profile();
  std::string Context = ctxloss::describeContext(Finding.Key);
  auto At = [&](const Stmt *S) { return SM.getExpansionLoc(S->getBeginLoc()); };
  auto NameAt = [&](const Expr *Call) {
    // A call written in a macro argument is shown where it is written.
    return SM.getFileLoc(ctxloss::getCallNameLoc(Call));
  };
  const ctxloss::SpawnSite &Boundary = Finding.boundary();
  const auto *Wait = dyn_cast_or_null<CXXMemberCallExpr>(Boundary.TimeoutWait);
  // A helper defined elsewhere that waits with a timeout: as the program
  // summary says.
  const ctxloss::ProgramSpawn *External = nullptr;
  for (const ctxloss::SpawnedParam *Step = Finding.Helper; Step;
       Step = Step->Next)
    if (Step->External)
      External = Step->External;
  StringRef Awaited = External ? StringRef(External->Awaited) : StringRef();

  {
    DiagnosticBuilder Warning =
        diag(At(Finding.Spawn->Call),
             "%0 is read in a task started by '%1'%select{| (awaited with "
             "'%3')}2 but %select{its value|it}4 is not carried over from the "
             "spawning thread")
        << Context << Finding.Spawn->Boundary
        << (Wait != nullptr || !Awaited.empty())
        << (Wait ? Wait->getMethodDecl()->getName() : Awaited)
        << (Profile != nullptr);
    if (Fixes)
      addFix(Warning, Fixes->Preferred);
  }

  // How a spawning helper hands the task on, down to the real boundary.
  noteHelperChain(Finding.Helper, Finding.Spawn->Call);
  noteTask(Finding.Task);
  if (Wait)
    diag(NameAt(Wait), "the task is awaited with a timeout here",
         DiagnosticIDs::Note);
  else if (!Awaited.empty())
    diag(NameAt(cast<Expr>(Finding.Spawn->Call)),
         "the task is awaited with a timeout at %0 (program summary)",
         DiagnosticIDs::Note)
        << External->AwaitedLoc.str();

  noteCallPath(Finding.Path, Finding.Callers);
  reportRead(Finding, Context);
  if (Profile && !Profile->Advice.empty())
    diag(At(Finding.Spawn->Call), "to carry %0 over, %1", DiagnosticIDs::Note)
        << Context << Profile->Advice;
  // The other strategy's fix rides on a note of its own at the spawn: clangd
  // turns a note with a fix into a code action and no longer shows its text,
  // and shows no note outside the main file.
  if (Fixes && Fixes->Alternative.offered()) {
    DiagnosticBuilder Alternative =
        diag(At(Finding.Spawn->Call),
             "alternative fix: %select{pass the value down the call chain as "
             "an explicit parameter|snapshot the value here and restore it in "
             "the task}0",
             DiagnosticIDs::Note)
        << (options().Strategy != ctxloss::fixes::FixStrategy::CopyAndRun);
    addFix(Alternative, Fixes->Alternative);
  }
  if (Fixes && !Fixes->Preferred.offered() && !Fixes->Preferred.WhyNot.empty())
    diag(Fixes->Preferred.WhyNotLoc, "%0", DiagnosticIDs::Note)
        << Fixes->Preferred.WhyNot;
}

void LostInTaskCheck::reportRead(const ctxloss::LostContext &Finding,
                                 StringRef Context) {
  const SourceManager &SM =
      Finding.Task.Entry->getASTContext().getSourceManager();
  const ctxloss::ContextRead &Read = *Finding.Read;
  std::string Reader = ctxloss::describeFunction(Finding.Reader);
  // A read written in a macro argument is shown where it is written.
  SourceLocation Loc = SM.getFileLoc(ctxloss::getReadLoc(Read));
  if (const ctxloss::ProgramRead *External = Read.External) {
    const Decl *Callee = nullptr;
    if (const auto *Call = dyn_cast<CallExpr>(Read.Ref))
      Callee = Call->getCalleeDecl();
    else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Read.Ref))
      Callee = Ctor->getConstructor();
    diag(Loc,
         "%0 calls %1 here, which leads to a read of %2 by %3 at %4 (program "
         "summary)",
         DiagnosticIDs::Note)
        << Reader << ctxloss::describeFunction(Callee) << Context
        << External->Reader << External->Loc.str();
    return;
  }
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
  if (!Call || !Finding.profile()) {
    diag(Loc, "%0 reads %1 here", DiagnosticIDs::Note) << Reader << Context;
    return;
  }
  unsigned Why = 0; // A plain read.
  if (Read.Logging)
    Why = analysisOptions().Logging == ctxloss::LoggingReads::Always ? 2 : 1;
  diag(Loc,
       "%0 reads %1 through '%2' here%select{|: the logging pattern prints "
       "it|: logging calls read it (LoggingReadsContext)}3",
       DiagnosticIDs::Note)
      << Reader << Context
      << Call->getDirectCallee()->getQualifiedNameAsString() << Why;
}

} // namespace clang::tidy::context
