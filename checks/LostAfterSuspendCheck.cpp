//===--- LostAfterSuspendCheck.cpp - ctxloss ------------------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/LostAfterSuspendCheck.h"
#include "checks/fixes/SuspendFix.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::context {

LostAfterSuspendCheck::LostAfterSuspendCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : ContextCheck(Name, Context), RawAwaitables(Options.get("Awaitables", "")),
      RawSameThreadAwaitables(Options.get(
          "SameThreadAwaitables", ctxloss::DefaultSameThreadAwaitables)) {
  auto Parse = [&](StringRef Raw, StringRef OptionName,
                   ctxloss::NameRegexList &Out) {
    llvm::Expected<ctxloss::NameRegexList> Parsed =
        ctxloss::NameRegexList::parse(Raw);
    if (Parsed)
      Out = std::move(*Parsed);
    else if (OptionError.empty())
      OptionError =
          ("option '" + OptionName + "': " + llvm::toString(Parsed.takeError()))
              .str();
    else
      llvm::consumeError(Parsed.takeError());
  };
  Parse(RawAwaitables, "Awaitables", Suspend.Awaitables);
  Parse(RawSameThreadAwaitables, "SameThreadAwaitables",
        Suspend.SameThreadAwaitables);
}

void LostAfterSuspendCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ContextCheck::storeOptions(Opts);
  Options.store(Opts, "Awaitables", RawAwaitables);
  Options.store(Opts, "SameThreadAwaitables", RawSameThreadAwaitables);
}

void LostAfterSuspendCheck::reportFindings(ctxloss::TUAnalysis &Analysis) {
  if (!OptionError.empty()) {
    configurationDiag("%0") << OptionError;
    OptionError.clear();
  }
  std::vector<ctxloss::SuspendFinding> Findings =
      ctxloss::findLostAfterSuspend(Analysis, analysisOptions(), Suspend);
  // One fix per coroutine and context, covering each of its suspensions,
  // on its first warning.
  llvm::MapVector<std::pair<const FunctionDecl *, const void *>,
                  llvm::SmallVector<const ctxloss::SuspendFinding *, 2>>
      Groups;
  for (const ctxloss::SuspendFinding &Finding : Findings)
    if (!Finding.Alias)
      Groups[{Finding.Coroutine, Finding.Key.getOpaqueValue()}].push_back(
          &Finding);
  llvm::DenseMap<const ctxloss::SuspendFinding *, SuspendFixes> Fixes;
  auto Counts = [&](const ctxloss::ContextRead &R) {
    return Analysis.countsAsRead(R);
  };
  for (auto &[Key, Group] : Groups) {
    const ctxloss::SuspendFinding &First = *Group.front();
    ASTContext &Ctx = First.Coroutine->getASTContext();
    ctxloss::ReadPaths Paths = ctxloss::findReadPaths(
        First.Key, Analysis.callGraph(), Analysis.writersOf(First.Key),
        Analysis.restores(), Counts);
    ctxloss::fixes::FixOption CopyAndRun =
        ctxloss::fixes::buildSuspendFix(Group, Analysis, Ctx);
    ctxloss::fixes::FixOption FrameLocal =
        ctxloss::fixes::buildSuspendFrameLocalFix(
            Group, Analysis, Ctx, [&](const ctxloss::CallEdge &Call) {
              return Paths.contains(Call.Callee);
            });
    bool PreferCopy =
        options().Strategy == ctxloss::fixes::FixStrategy::CopyAndRun;
    Fixes[&First] =
        PreferCopy ? SuspendFixes{std::move(CopyAndRun), std::move(FrameLocal)}
                   : SuspendFixes{std::move(FrameLocal), std::move(CopyAndRun)};
  }
  for (const ctxloss::SuspendFinding &Finding : Findings) {
    auto It = Fixes.find(&Finding);
    report(Finding, It == Fixes.end() ? nullptr : &It->second);
  }
}

void LostAfterSuspendCheck::reportThreadChange(
    const ctxloss::SuspendFinding &Finding) {
  llvm::SmallVector<ctxloss::WordedNote, 4> Notes;
  ctxloss::describeThreadChange(
      Finding.Suspend, Finding.Change, Finding.Coroutine,
      Finding.Coroutine->getASTContext().getSourceManager(), Notes);
  for (const ctxloss::WordedNote &Note : Notes)
    diag(Note.Loc, "%0", DiagnosticIDs::Note) << Note.Message;
}

void LostAfterSuspendCheck::report(const ctxloss::SuspendFinding &Finding,
                                   const SuspendFixes *Fixes) {
  const SourceManager &SM =
      Finding.Coroutine->getASTContext().getSourceManager();
  std::string Context = ctxloss::describeContext(Finding.Key);
  std::string Coroutine = ctxloss::describeCoroutine(Finding.Coroutine);

  if (Finding.Alias) {
    diag(SM.getFileLoc(Finding.AliasUse->getLocation()),
         "'%0' %select{points|refers}1 to %2 of the thread that took it and "
         "is used after a suspension point that may resume %3 on another "
         "thread")
        << Finding.Alias->getName()
        << Finding.Alias->getType()->isReferenceType() << Context << Coroutine;
    reportThreadChange(Finding);
    diag(SM.getFileLoc(Finding.Alias->getLocation()),
         "'%0' is taken here, before the suspension", DiagnosticIDs::Note)
        << Finding.Alias->getName();
    if (Finding.NextIteration)
      diag(SM.getFileLoc(Finding.AliasUse->getLocation()),
           "the loop comes back here after the suspension",
           DiagnosticIDs::Note);
    return;
  }

  const ctxloss::ContextRead &Read = *Finding.Read;
  auto ReadLoc = [&]() {
    if (Read.DefaultArg)
      return SM.getExpansionLoc(Read.DefaultArg->getUsedLocation());
    return SM.getFileLoc(ctxloss::getReadLoc(Read));
  };
  // A read down a call chain is reported at the coroutine's call, where the
  // coroutine can restore the context; the chain follows in notes.
  SourceLocation Loc =
      Finding.Path.empty()
          ? ReadLoc()
          : SM.getFileLoc(ctxloss::getCallNameLoc(Finding.Path.front()->Site));
  const Decl *First =
      Finding.Path.empty() ? nullptr : Finding.Path.front()->Callee;
  // A call to a function another file defines, which the program summary
  // says leads to a read.
  const ctxloss::ProgramRead *External = Read.External;
  if (External)
    if (const auto *Call = dyn_cast<CallExpr>(Read.Ref))
      First = Call->getCalleeDecl();
  {
    DiagnosticBuilder Warning =
        diag(Loc, "%0 is read%select{| in a call to %3}2 after a suspension "
                  "point that may resume %1 on another thread")
        << Context << Coroutine << (First != nullptr)
        << (First ? ctxloss::describeFunction(First) : "");
    if (Fixes && Fixes->Preferred.offered())
      addFix(Warning, Fixes->Preferred);
  }
  reportThreadChange(Finding);
  for (size_t I = 1; I < Finding.Path.size(); ++I) {
    const ctxloss::CallEdge *Edge = Finding.Path[I];
    diag(SM.getFileLoc(ctxloss::getCallNameLoc(Edge->Site)), "%0 calls %1 here",
         DiagnosticIDs::Note)
        << ctxloss::describeFunction(Finding.Callers[I])
        << ctxloss::describeFunction(Edge->Callee);
  }
  if (External)
    diag(ReadLoc(), "%0 leads to a read of %1 by %2 at %3 (program summary)",
         DiagnosticIDs::Note)
        << ctxloss::describeFunction(First) << Context << External->Reader
        << External->Loc.str();
  else if (!Finding.Path.empty())
    diag(ReadLoc(), "%0 reads %1 here", DiagnosticIDs::Note)
        << ctxloss::describeFunction(Finding.Reader) << Context;
  if (Finding.NextIteration)
    diag(Loc, "the loop comes back here after the suspension",
         DiagnosticIDs::Note);
  // The other strategy's fix rides on a note of its own, as for
  // context-lost-in-task.
  if (Fixes && Fixes->Alternative.offered()) {
    DiagnosticBuilder Alternative =
        diag(Loc,
             "alternative fix: %select{read a copy taken before the "
             "suspension instead of %1|restore the value after the "
             "suspension}0",
             DiagnosticIDs::Note)
        << (options().Strategy != ctxloss::fixes::FixStrategy::CopyAndRun)
        << Context;
    addFix(Alternative, Fixes->Alternative);
  }
}

} // namespace clang::tidy::context
