//===--- LeakedFromTaskCheck.cpp - ctxloss --------------------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/LeakedFromTaskCheck.h"
#include "checks/fixes/ScopeObjectFix.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::context {

void LeakedFromTaskCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ContextCheck::storeOptions(Opts);
  Options.store(Opts, "AnyCallMayThrow", AnyCallMayThrow);
}

void LeakedFromTaskCheck::reportFindings(ctxloss::TUAnalysis &Analysis) {
  ctxloss::LeakOptions Options;
  Options.AnyCallMayThrow = AnyCallMayThrow;
  for (const ctxloss::LeakedContext &Finding :
       ctxloss::findLeakedContexts(Analysis, Options))
    report(Finding, Analysis);
}

/// Where a write is shown: the name of the called setter, or the written
/// expression.
static SourceLocation writeLoc(const Stmt *At, const SourceManager &SM) {
  SourceLocation Loc = At->getBeginLoc();
  if (const auto *Call = dyn_cast<CallExpr>(At);
      Call && !isa<CXXOperatorCallExpr>(Call))
    Loc = ctxloss::getCallNameLoc(Call);
  return SM.getFileLoc(Loc);
}

void LeakedFromTaskCheck::report(const ctxloss::LeakedContext &Finding,
                                 ctxloss::TUAnalysis &Analysis) {
  const SourceManager &SM = Analysis.astContext().getSourceManager();
  std::string Context = ctxloss::describeContext(Finding.Key);
  auto At = [&](const Stmt *S) { return SM.getExpansionLoc(S->getBeginLoc()); };
  auto NameAt = [&](const Expr *Call) {
    return SM.getFileLoc(ctxloss::getCallNameLoc(Call));
  };
  ctxloss::fixes::FixOption Fix =
      ctxloss::fixes::buildScopeObjectFix(Finding, Analysis);
  {
    DiagnosticBuilder Warning =
        diag(At(Finding.Spawn->Call),
             "%0 is left set by a task started by '%1': the next task on "
             "that worker inherits it")
        << Context << Finding.Spawn->Boundary;
    addFix(Warning, Fix);
  }

  noteHelperChain(Finding.Helper, Finding.Spawn->Call);
  noteTask(Finding.Task);

  noteCallPath(Finding.Path, Finding.Callers);
  diag(writeLoc(Finding.Write->At, SM), "%0 sets %1 here", DiagnosticIDs::Note)
      << ctxloss::describeFunction(Finding.Writer) << Context;

  std::string Task = ctxloss::describeFunction(Finding.Task.Entry);
  if (isa_and_nonnull<CallExpr, CXXConstructExpr>(Finding.Exit)) {
    const auto *Call = cast<Expr>(Finding.Exit);
    diag(NameAt(Call),
         "%0 leaves here without restoring it when this call throws",
         DiagnosticIDs::Note)
        << Task;
  } else if (const Stmt *Exit = Finding.Exit) {
    diag(At(Exit), "%0 %select{returns|throws}1 here without restoring it",
         DiagnosticIDs::Note)
        << Task << isa<CXXThrowExpr>(Exit);
  } else if (const Stmt *Body = Finding.Task.Entry->getBody()) {
    diag(SM.getExpansionLoc(Body->getEndLoc()),
         "%0 ends here without restoring it", DiagnosticIDs::Note)
        << Task;
  }
  if (!Fix.offered() && !Fix.WhyNot.empty())
    diag(Fix.WhyNotLoc, "%0", DiagnosticIDs::Note) << Fix.WhyNot;
}

} // namespace clang::tidy::context
