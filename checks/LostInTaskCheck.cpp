//===--- LostInTaskCheck.cpp - ctxloss ------------------------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/LostInTaskCheck.h"
#include "checks/analysis/SummaryFile.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FileSystem.h"
#include <mutex>

using namespace clang::ast_matchers;

namespace clang::tidy::context {

template <typename T>
static T parseOption(llvm::Expected<T> Parsed, StringRef OptionName,
                     llvm::SmallVectorImpl<std::string> &Errors) {
  if (Parsed)
    return std::move(*Parsed);
  Errors.push_back(
      ("option '" + OptionName + "': " + llvm::toString(Parsed.takeError()))
          .str());
  return T();
}

/// The program summary at \p Path, as the reads each function reaches.
/// Cached by path and modification time: clangd creates the check anew for
/// every parse.
static llvm::Expected<std::shared_ptr<const ctxloss::ProgramReaders>>
loadProgramReaders(StringRef Path, const ctxloss::ContextOptions &Options) {
  struct Cached {
    llvm::sys::TimePoint<> Modified;
    std::shared_ptr<const ctxloss::ProgramReaders> Readers;
  };
  static std::mutex Lock;
  static llvm::StringMap<Cached> Cache;
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Path, Status))
    return llvm::createStringError(EC, "cannot read '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  std::scoped_lock Guard(Lock);
  auto It = Cache.find(Path);
  if (It != Cache.end() &&
      It->second.Modified == Status.getLastModificationTime())
    return It->second.Readers;
  llvm::Expected<ctxloss::summary::Summary> Program =
      ctxloss::summary::readSummary(Path);
  if (!Program)
    return Program.takeError();
  auto Readers = std::make_shared<const ctxloss::ProgramReaders>(
      ctxloss::findProgramReaders(
          *Program,
          [&](const ctxloss::summary::Key &)
              -> const ctxloss::ContextOptions & { return Options; }));
  Cache[Path] = {Status.getLastModificationTime(), Readers};
  return Readers;
}

/// The check's options through the one reader the driver also uses.
static ctxloss::LostInTaskOptions
readOptions(StringRef CheckName, const ClangTidyCheck::OptionsView &Options) {
  return ctxloss::readLostInTaskOptions(
      CheckName,
      [&](StringRef Name, bool OrGlobal) -> std::optional<std::string> {
        std::optional<StringRef> Value =
            OrGlobal ? Options.getLocalOrGlobal(Name) : Options.get(Name);
        if (!Value)
          return std::nullopt;
        return Value->str();
      });
}

LostInTaskCheck::LostInTaskCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), CheckName(Name),
      Parsed(readOptions(Name, Options)),
      RawSummaryFile(Options.get("SummaryFile", "")),
      Inserter(Parsed.IncludeStyle, areDiagsSelfContained()),
      AnalysisOpts(Parsed.Analysis),
      OptionErrors(Parsed.Errors.begin(), Parsed.Errors.end()) {
  if (!RawSummaryFile.empty())
    AnalysisOpts.External =
        parseOption(loadProgramReaders(RawSummaryFile, AnalysisOpts.Context),
                    "SummaryFile", OptionErrors);
}

void LostInTaskCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  const ctxloss::LostInTaskOptions &O = Parsed;
  Options.store(Opts, "ContextVariables", O.ContextVariables);
  Options.store(Opts, "IgnoredVariables", O.IgnoredVariables);
  Options.store(Opts, "InferContextVariables",
                O.Analysis.Context.InferContextVariables);
  Options.store(Opts, "SpawnFunctions", O.SpawnFunctions);
  Options.store(Opts, "PoolLikeClasses", O.PoolLikeClasses);
  Options.store(Opts, "PoolLikeMethods", O.PoolLikeMethods);
  Options.store(Opts, "FixStrategy", O.FixStrategy);
  Options.store(Opts, "Profiles", O.Profiles);
  Options.store(Opts, "ContextAccessors", O.ContextAccessors);
  Options.store(Opts, "CaptureWrappers", O.CaptureWrappers);
  Options.store(Opts, "LoggingReadsContext", O.LoggingReadsContext);
  Options.store(Opts, "SummaryFile", RawSummaryFile);
  for (const auto &Entry : O.UserProfiles) {
    StringRef Name = Entry.getKey();
    const ctxloss::ProfileFields &F = Entry.getValue();
    auto Store = [&](StringRef Field, const std::string &Value) {
      if (!Value.empty())
        Options.store(Opts, (Name + "." + Field).str(), Value);
    };
    Store("Reads", F.Reads);
    Store("Restores", F.Restores);
    Store("Snapshot", F.Snapshot);
    Store("Restore", F.Restore);
    Store("Header", F.Header);
    Store("Propagators", F.Propagators);
    Store("Description", F.Description);
  }
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void LostInTaskCheck::registerPPCallbacks(const SourceManager &,
                                          Preprocessor *PP, Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

void LostInTaskCheck::registerMatchers(MatchFinder *Finder) {
  // Reported here rather than in the constructor: checks are also created
  // just to list them or dump their options.
  for (const std::string &Error : OptionErrors)
    configurationDiag("%0: %1", DiagnosticIDs::Error) << CheckName << Error;
  // Every definition the matchers traverse (in clangd: the main file's);
  // the engine follows calls from there into headers.
  Finder->addMatcher(ctxloss::definitionsToAnalyze(), this);
}

void LostInTaskCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Fn)
    return;
  if (!Analysis)
    Analysis =
        std::make_unique<ctxloss::TUAnalysis>(*Result.Context, AnalysisOpts);
  Analysis->addFunction(Fn);
}

void LostInTaskCheck::onEndOfTranslationUnit() {
  if (!Analysis)
    return;
  std::vector<ctxloss::LostContext> Findings = Analysis->run();
  if (!Findings.empty()) {
    // One fix per spawn site, covering every variable lost there, on the
    // site's first warning.
    ASTContext &Ctx = Findings.front().Entry->getASTContext();
    for (const ctxloss::fixes::SiteFixes &Site :
         ctxloss::fixes::buildFixes(Findings, *Analysis, Ctx, Parsed.Strategy))
      for (const ctxloss::LostContext &Finding : Site.Findings)
        report(Finding, &Finding == Site.Findings.data() ? &Site : nullptr);
  }
  Analysis.reset();
}

void LostInTaskCheck::addFix(DiagnosticBuilder &Diag,
                             const ctxloss::fixes::FixOption &Fix) {
  if (!Fix.offered())
    return;
  Diag << Fix.Hints;
  for (const std::string &Header : Fix.Headers)
    if (std::optional<FixItHint> Include =
            Inserter.createIncludeInsertion(Fix.HeaderFile, Header))
      Diag << *Include;
}

void LostInTaskCheck::report(const ctxloss::LostContext &Finding,
                             const ctxloss::fixes::SiteFixes *Fixes) {
  const SourceManager &SM = Finding.Entry->getASTContext().getSourceManager();
  const ctxloss::Profile *Profile = Finding.profile();
  std::string Context = ctxloss::describeContext(Finding.Key);
  auto At = [&](const Stmt *S) { return SM.getExpansionLoc(S->getBeginLoc()); };
  auto NameAt = [&](const Expr *Call) {
    // A call written in a macro argument is shown where it is written.
    return SM.getFileLoc(ctxloss::getCallNameLoc(Call));
  };
  const ctxloss::SpawnSite &Boundary = Finding.boundary();
  const auto *Wait = dyn_cast_or_null<CXXMemberCallExpr>(Boundary.TimeoutWait);

  {
    DiagnosticBuilder Warning =
        diag(At(Finding.Spawn->Call),
             "%0 is read in a task started by '%1'%select{| (awaited with "
             "'%3')}2 but %select{its value|it}4 is not carried over from the "
             "spawning thread")
        << Context << Finding.Spawn->Boundary << (Wait != nullptr)
        << (Wait ? Wait->getMethodDecl()->getName() : StringRef())
        << (Profile != nullptr);
    if (Fixes)
      addFix(Warning, Fixes->Preferred);
  }

  // How a spawning helper hands the task on, down to the real boundary.
  for (const ctxloss::SpawnedParam *Step = Finding.Helper; Step;
       Step = Step->Next) {
    std::string Fn = ctxloss::describeFunction(Step->Fn);
    if (Step->Next)
      diag(NameAt(Step->ForwardCall), "%0 passes the task to %1 here",
           DiagnosticIDs::Note)
          << Fn << ctxloss::describeFunction(Step->Next->Fn);
    else
      diag(At(Step->Spawn->Call), "%0 starts the task with '%1' here",
           DiagnosticIDs::Note)
          << Fn << Step->Spawn->Boundary;
  }
  if (Wait)
    diag(NameAt(Wait), "the task is awaited with a timeout here",
         DiagnosticIDs::Note);

  for (size_t I = 0; I < Finding.Path.size(); ++I) {
    const ctxloss::CallEdge *Edge = Finding.Path[I];
    std::string Caller = ctxloss::describeFunction(Finding.Callers[I]);
    std::string Callee = ctxloss::describeFunction(Edge->Callee);
    if (Edge->Through)
      diag(At(Edge->Site), "%0 runs %1 through '%2' here", DiagnosticIDs::Note)
          << Caller << Callee << Edge->Through->getQualifiedNameAsString();
    else
      diag(NameAt(Edge->Site), "%0 calls %1 here", DiagnosticIDs::Note)
          << Caller << Callee;
  }
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
        << (Parsed.Strategy != ctxloss::fixes::FixStrategy::CopyAndRun);
    addFix(Alternative, Fixes->Alternative);
  }
  if (Fixes && !Fixes->Preferred.offered() && !Fixes->Preferred.WhyNot.empty())
    diag(Fixes->Preferred.WhyNotLoc, "%0", DiagnosticIDs::Note)
        << Fixes->Preferred.WhyNot;
}

void LostInTaskCheck::reportRead(const ctxloss::LostContext &Finding,
                                 StringRef Context) {
  const SourceManager &SM = Finding.Entry->getASTContext().getSourceManager();
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
    Why = AnalysisOpts.Logging == ctxloss::LoggingReads::Always ? 2 : 1;
  diag(Loc,
       "%0 reads %1 through '%2' here%select{|: the logging pattern prints "
       "it|: logging calls read it (LoggingReadsContext)}3",
       DiagnosticIDs::Note)
      << Reader << Context
      << Call->getDirectCallee()->getQualifiedNameAsString() << Why;
}

} // namespace clang::tidy::context
