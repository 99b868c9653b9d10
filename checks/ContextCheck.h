//===--- ContextCheck.h - ctxloss -------------------------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// What every check of the `context` module shares: the engine's options,
/// read by the one reader the driver also uses, and one analysis of the
/// translation unit however many `context-*` checks are enabled. Each check
/// registers the same matcher (the MatchFinder still traverses the AST
/// once), hands the definitions to the shared analysis and, at the end of
/// the translation unit, asks it for its own findings.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_CHECKS_CONTEXTCHECK_H
#define CTXLOSS_CHECKS_CONTEXTCHECK_H

#include "checks/LostInTaskOptions.h"
#include "checks/analysis/TUAnalysis.h"
#include "checks/fixes/FixOption.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include <memory>

namespace clang::tidy::context {

/// The base of the `context-*` checks.
class ContextCheck : public ClangTidyCheck {
public:
  ContextCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

protected:
  /// Reports the check's findings from \p Analysis, which every enabled
  /// check of the translation unit shares (prepare() may already have run).
  virtual void reportFindings(ctxloss::TUAnalysis &Analysis) = 0;

  /// Notes how a spawning helper hands the task on, down to the real
  /// boundary: "'f' passes the task to 'g' here", then "'g' starts the task
  /// with 'std::thread' here". Nothing when \p Helper is null. A helper
  /// defined in another file (known from the program summary) is noted at
  /// the call handing it the task, \p Site (the call of the first helper)
  /// or a helper's forwarding call, with where the summary says it spawns.
  void noteHelperChain(const ctxloss::SpawnedParam *Helper, const Stmt *Site);
  /// "the task is kept in 'task' here until it is started", for a task
  /// that travelled in a local holder (a `std::packaged_task`, a
  /// `std::function`, a `std::bind` result) before its spawn; and, for a
  /// task object of unknown dynamic type, why the engine knows its body (a
  /// closed class) or which override the finding guesses
  /// (`TaskObjectOverrides`).
  void noteTask(const ctxloss::ResolvedTask &Task);
  /// "'submit' starts the task with 'std::thread' here", or for a task kept
  /// for a worker found by analysis, where it is stored and who runs it.
  void noteSpawn(const SourceManager &SM, llvm::StringRef Spawner,
                 const ctxloss::SpawnSite &Spawn);

  /// Notes each call of a path through the call graph: "'a' calls 'b'
  /// here", or "'a' runs 'b' through 'std::for_each' here" for a callable
  /// invoked by the callee. \p Callers[I] makes the call \p Path[I].
  void noteCallPath(llvm::ArrayRef<const ctxloss::CallEdge *> Path,
                    llvm::ArrayRef<const Decl *> Callers);

  /// Attaches \p Fix, and the includes it needs, to \p Diag.
  void addFix(DiagnosticBuilder &Diag, const ctxloss::fixes::FixOption &Fix);

  const ctxloss::LostInTaskOptions &options() const { return Parsed; }
  const ctxloss::AnalysisOptions &analysisOptions() const {
    return AnalysisOpts;
  }

private:
  struct Shared;
  /// The analysis of the translation unit of \p Ctx for this check's
  /// options: the one another check already made, or a new one.
  std::shared_ptr<Shared> sharedAnalysis(ASTContext &Ctx);
  /// Without SummaryFile: the summary the host keeps for \p MainFile's
  /// project (DefaultSummary.h), when there is one.
  void useDefaultSummary(StringRef MainFile);

  const std::string CheckName;
  /// The options, parsed; AnalysisOpts starts as its Analysis, plus the
  /// program summary of SummaryFile.
  const ctxloss::LostInTaskOptions Parsed;
  const StringRef RawSummaryFile;
  /// Shared with the other context checks on the same preprocessor.
  std::shared_ptr<utils::IncludeInserter> Inserter;
  ctxloss::AnalysisOptions AnalysisOpts;
  /// Identifies the options the analysis depends on: checks with the same
  /// fingerprint share one analysis.
  std::string Fingerprint;
  /// Option errors found while parsing, reported once per run.
  llvm::SmallVector<std::string, 0> OptionErrors;
  std::shared_ptr<Shared> Analysis;
};

} // namespace clang::tidy::context

#endif // CTXLOSS_CHECKS_CONTEXTCHECK_H
