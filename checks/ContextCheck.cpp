//===--- ContextCheck.cpp - ctxloss ---------------------------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/ContextCheck.h"
#include "checks/DefaultSummary.h"
#include "checks/analysis/SummaryFile.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/Support/FileSystem.h"
#include <map>
#include <mutex>
#include <tuple>

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

/// The check's options through the one reader the driver also uses. The
/// engine's options are the check's own, or else global: a global
/// `SpawnFunctions` configures every context check at once.
static ctxloss::LostInTaskOptions
readOptions(StringRef CheckName, const ClangTidyCheck::OptionsView &Options) {
  return ctxloss::readLostInTaskOptions(
      CheckName, [&](StringRef Name, bool) -> std::optional<std::string> {
        std::optional<StringRef> Value = Options.getLocalOrGlobal(Name);
        if (!Value)
          return std::nullopt;
        return Value->str();
      });
}

/// One analysis of a translation unit, shared by the checks whose options
/// agree. It owns a copy of the options it was built with: the check that
/// created it may end first.
struct ContextCheck::Shared {
  Shared(ASTContext &Ctx, ctxloss::AnalysisOptions Options)
      : Options(std::move(Options)), Analysis(Ctx, this->Options) {}
  const ctxloss::AnalysisOptions Options;
  ctxloss::TUAnalysis Analysis;
};

ContextCheck::ContextCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), CheckName(Name),
      Parsed(readOptions(Name, Options)),
      RawSummaryFile(Options.getLocalOrGlobal("SummaryFile", "")),
      AnalysisOpts(Parsed.Analysis),
      Fingerprint(Parsed.analysisFingerprint() + "\n" + RawSummaryFile.str()),
      OptionErrors(Parsed.Errors.begin(), Parsed.Errors.end()) {
  if (!RawSummaryFile.empty()) {
    AnalysisOpts.External =
        parseOption(loadProgramReaders(RawSummaryFile, AnalysisOpts.Context),
                    "SummaryFile", OptionErrors);
    // In the editor, a summary the user rewrites (a `ctxloss` run) has the
    // open files re-checked.
    if (ctxloss::DefaultSummaryProvider *Provider =
            ctxloss::getDefaultSummaryProvider();
        Provider && !Context->getCurrentFile().empty())
      Provider->watch(RawSummaryFile, Context->getCurrentFile());
  } else if (Options.getLocalOrGlobal("BackgroundSummary", true)) {
    useDefaultSummary(Context->getCurrentFile());
  }
}

void ContextCheck::useDefaultSummary(StringRef MainFile) {
  // The host's summary (ctxloss-clangd's, kept fresh in the background),
  // if it has one loaded yet. Not the user's file: a summary that cannot be
  // read is the host's to rewrite, not a configuration error.
  ctxloss::DefaultSummaryProvider *Provider =
      ctxloss::getDefaultSummaryProvider();
  if (!Provider || MainFile.empty())
    return;
  std::string Path = Provider->summaryFor(MainFile);
  if (Path.empty())
    return;
  Provider->watch(Path, MainFile);
  AnalysisOpts.External =
      ctxloss::loadDefaultSummary(Path, AnalysisOpts.Context, *Provider);
  if (AnalysisOpts.External)
    Fingerprint += "\n" + Path;
}

std::shared_ptr<ContextCheck::Shared>
ContextCheck::sharedAnalysis(ASTContext &Ctx) {
  // The analyses alive, by translation unit and fingerprint. Weak: the last
  // check to finish with an analysis frees it, and an expired entry is
  // replaced when a later AST reuses the address. Locked: clangd parses
  // files on several threads.
  static std::mutex Lock;
  static std::map<std::pair<const ASTContext *, std::string>,
                  std::weak_ptr<Shared>>
      Alive;
  std::scoped_lock Guard(Lock);
  std::weak_ptr<Shared> &Slot = Alive[{&Ctx, Fingerprint}];
  if (std::shared_ptr<Shared> Existing = Slot.lock())
    return Existing;
  // Drop the expired entries now and then, so the map stays small.
  for (auto It = Alive.begin(); It != Alive.end();)
    It = It->second.expired() && &It->second != &Slot ? Alive.erase(It)
                                                      : std::next(It);
  auto New = std::make_shared<Shared>(Ctx, AnalysisOpts);
  Slot = New;
  return New;
}

void ContextCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
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
  Options.store(Opts, "TaskObjectOverrides", O.Analysis.TaskObjectOverrides);
  Options.store(Opts, "LoggingReadsContext", O.LoggingReadsContext);
  Options.store(Opts, "SummaryFile", RawSummaryFile);
  Options.store(Opts, "BackgroundSummary",
                Options.getLocalOrGlobal("BackgroundSummary", true));
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
  Options.store(Opts, "IncludeStyle", Parsed.IncludeStyle);
}

void ContextCheck::registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                                       Preprocessor *) {
  // One include inserter per preprocessor and style, shared by the context
  // checks on it: an inserter records every #include of the translation
  // unit, in every header, and four checks recording the same includes cost
  // four times what one does. Weak: the last check of the translation unit
  // frees it. Locked: clangd parses files on several threads.
  static std::mutex Lock;
  static std::map<std::tuple<const Preprocessor *, int, bool>,
                  std::weak_ptr<utils::IncludeInserter>>
      Inserters;
  const bool SelfContained = areDiagsSelfContained();
  std::scoped_lock Guard(Lock);
  std::weak_ptr<utils::IncludeInserter> &Slot =
      Inserters[{PP, Parsed.IncludeStyle, SelfContained}];
  Inserter = Slot.lock();
  if (Inserter)
    return;
  for (auto It = Inserters.begin(); It != Inserters.end();)
    It = It->second.expired() ? Inserters.erase(It) : std::next(It);
  Inserter = std::make_shared<utils::IncludeInserter>(Parsed.IncludeStyle,
                                                      SelfContained);
  Inserter->registerPreprocessor(PP);
  Inserters[{PP, Parsed.IncludeStyle, SelfContained}] = Inserter;
}

void ContextCheck::registerMatchers(MatchFinder *Finder) {
  // Reported here rather than in the constructor: checks are also created
  // just to list them or dump their options.
  for (const std::string &Error : OptionErrors)
    configurationDiag("%0: %1", DiagnosticIDs::Error) << CheckName << Error;
  // Every definition the matchers traverse (in clangd: the main file's);
  // the engine follows calls from there into headers. Each enabled check
  // adds the same matcher to the one traversal; the analysis takes each
  // definition once.
  Finder->addMatcher(ctxloss::definitionsToAnalyze(), this);
}

void ContextCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Fn)
    return;
  if (!Analysis)
    Analysis = sharedAnalysis(*Result.Context);
  Analysis->Analysis.addFunction(Fn);
}

void ContextCheck::onEndOfTranslationUnit() {
  if (!Analysis)
    return;
  std::shared_ptr<Shared> Current = std::move(Analysis);
  Current->Analysis.prepare();
  reportFindings(Current->Analysis);
}

void ContextCheck::noteHelperChain(const ctxloss::SpawnedParam *Helper,
                                   const Stmt *Site) {
  // A virtual call that may run several bodies, one of which spawns.
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Site); Call && Helper)
    if (const auto *Called =
            dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
        Called && Called->getCanonicalDecl() != Helper->Fn->getCanonicalDecl())
      diag(Helper->Fn->getASTContext().getSourceManager().getFileLoc(
               ctxloss::getCallNameLoc(Call)),
           "the virtual call of %0 may run %1, which overrides it",
           DiagnosticIDs::Note)
          << ctxloss::describeFunction(Called)
          << ctxloss::describeFunction(Helper->Fn);
  for (const ctxloss::SpawnedParam *Step = Helper; Step; Step = Step->Next) {
    const SourceManager &SM = Step->Fn->getASTContext().getSourceManager();
    std::string Fn = ctxloss::describeFunction(Step->Fn);
    if (const ctxloss::ProgramSpawn *External = Step->External) {
      // Defined elsewhere: the note is at the call handing it the task.
      SourceLocation At =
          SM.getFileLoc(ctxloss::getCallNameLoc(cast<Expr>(Site)));
      if (const auto &Stored = External->Stored)
        diag(At,
             "%0 stores the task in '%1' at %2, which '%3' runs on the "
             "thread started at %4 (program summary)",
             DiagnosticIDs::Note)
            << External->Spawner << Stored->Member << External->Loc.str()
            << Stored->Worker << Stored->Start.str();
      else
        diag(At, "%0 starts the task with '%1' at %2 (program summary)",
             DiagnosticIDs::Note)
            << External->Spawner << External->Boundary << External->Loc.str();
    } else if (Step->Next) {
      // A call written in a macro argument is shown where it is written.
      diag(SM.getFileLoc(ctxloss::getCallNameLoc(Step->ForwardCall)),
           "%0 passes the task to %1 here", DiagnosticIDs::Note)
          << Fn << ctxloss::describeFunction(Step->Next->Fn);
      Site = Step->ForwardCall;
    } else {
      noteSpawn(SM, Fn, *Step->Spawn);
    }
  }
}

void ContextCheck::noteTask(const ctxloss::ResolvedTask &Task) {
  if (Task.Callable && (Task.OverrideOf || Task.ClosedClass)) {
    SourceLocation Loc =
        Task.Entry->getASTContext().getSourceManager().getExpansionLoc(
            Task.Callable->getBeginLoc());
    if (!Task.OverrideOf)
      diag(Loc,
           "the task object's dynamic type is not known here, but every %0 "
           "runs %1: only this file can derive from %0",
           DiagnosticIDs::Note)
          << Task.ClosedClass << ctxloss::describeFunction(Task.Entry);
    else if (Task.ClosedClass)
      diag(Loc,
           "the task object's dynamic type is not known here: %0 is one of "
           "the overrides of %1 in the classes this file derives from %2 "
           "(TaskObjectOverrides)",
           DiagnosticIDs::Note)
          << ctxloss::describeFunction(Task.Entry)
          << ctxloss::describeFunction(Task.OverrideOf) << Task.ClosedClass;
    else
      diag(Loc,
           "the task object's dynamic type is not known here: %0 is one of "
           "the overrides of %1 that this translation unit defines "
           "(TaskObjectOverrides)",
           DiagnosticIDs::Note)
          << ctxloss::describeFunction(Task.Entry)
          << ctxloss::describeFunction(Task.OverrideOf);
  }
  const VarDecl *Holder = Task.Holder;
  if (!Holder)
    return;
  const SourceManager &SM = Holder->getASTContext().getSourceManager();
  diag(SM.getExpansionLoc(Holder->getLocation()),
       "the task is kept in '%0' here until it is started", DiagnosticIDs::Note)
      << Holder->getName();
}

void ContextCheck::noteSpawn(const SourceManager &SM, llvm::StringRef Spawner,
                             const ctxloss::SpawnSite &Spawn) {
  SourceLocation At = SM.getExpansionLoc(Spawn.Call->getBeginLoc());
  if (!Spawn.StoredIn) {
    diag(At, "%0 starts the task with '%1' here", DiagnosticIDs::Note)
        << Spawner << Spawn.Boundary;
    return;
  }
  // A pool found by analysis: where the task is kept, and who runs it.
  diag(At, "%0 stores the task in '%1' here", DiagnosticIDs::Note)
      << Spawner << Spawn.StoredIn->getName();
  diag(SM.getExpansionLoc(Spawn.WorkerStart->getBeginLoc()),
       "%0 runs it on the thread started here", DiagnosticIDs::Note)
      << ctxloss::describeFunction(Spawn.Worker);
}

void ContextCheck::noteCallPath(llvm::ArrayRef<const ctxloss::CallEdge *> Path,
                                llvm::ArrayRef<const Decl *> Callers) {
  for (size_t I = 0; I < Path.size(); ++I) {
    const ctxloss::CallEdge *Edge = Path[I];
    const SourceManager &SM = Callers[I]->getASTContext().getSourceManager();
    std::string Caller = ctxloss::describeFunction(Callers[I]);
    std::string Callee = ctxloss::describeFunction(Edge->Callee);
    if (Edge->Through)
      diag(SM.getExpansionLoc(Edge->Site->getBeginLoc()),
           "%0 runs %1 through '%2' here", DiagnosticIDs::Note)
          << Caller << Callee << Edge->Through->getQualifiedNameAsString();
    else if (Edge->Dispatched)
      diag(SM.getFileLoc(ctxloss::getCallNameLoc(Edge->Site)),
           "%0 calls %1 here, the only override of %2 in this translation "
           "unit",
           DiagnosticIDs::Note)
          << Caller << Callee << ctxloss::describeFunction(Edge->Dispatched);
    else
      diag(SM.getFileLoc(ctxloss::getCallNameLoc(Edge->Site)),
           "%0 calls %1 here", DiagnosticIDs::Note)
          << Caller << Callee;
  }
}

void ContextCheck::addFix(DiagnosticBuilder &Diag,
                          const ctxloss::fixes::FixOption &Fix) {
  if (!Fix.offered())
    return;
  Diag << Fix.Hints;
  if (!Inserter)
    return;
  for (const std::string &Header : Fix.Headers)
    if (std::optional<FixItHint> Include =
            Inserter->createIncludeInsertion(Fix.HeaderFile, Header))
      Diag << *Include;
}

} // namespace clang::tidy::context
