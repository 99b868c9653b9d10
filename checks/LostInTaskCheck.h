//===--- LostInTaskCheck.h - ctxloss ----------------------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_CHECKS_LOSTINTASKCHECK_H
#define CTXLOSS_CHECKS_LOSTINTASKCHECK_H

#include "checks/LostInTaskOptions.h"
#include "checks/analysis/TUAnalysis.h"
#include "checks/fixes/SpawnFixes.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include <memory>

namespace clang::tidy::context {

/// Finds reads of per-thread context (thread-locals and context libraries'
/// current context) reached, directly or through a call chain, only from a
/// callable handed to a spawn boundary that does not carry it over.
///
/// For the user-facing documentation see:
/// docs/checks/context-lost-in-task.rst
class LostInTaskCheck : public ClangTidyCheck {
public:
  LostInTaskCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// Reports one finding; \p Fixes, when given, are the fixes for every
  /// finding of its spawn site, attached to this finding's diagnostics.
  void report(const ctxloss::LostContext &Finding,
              const ctxloss::fixes::SiteFixes *Fixes);
  void addFix(DiagnosticBuilder &Diag, const ctxloss::fixes::FixOption &Fix);
  /// The note at the read a finding's path ends in.
  void reportRead(const ctxloss::LostContext &Finding, StringRef Context);

  const std::string CheckName;
  /// The options, parsed; AnalysisOpts starts as its Analysis, plus the
  /// program summary of SummaryFile.
  const ctxloss::LostInTaskOptions Parsed;
  const StringRef RawSummaryFile;
  utils::IncludeInserter Inserter;
  ctxloss::AnalysisOptions AnalysisOpts;
  /// Option errors found while parsing, reported once per run.
  llvm::SmallVector<std::string, 0> OptionErrors;
  std::unique_ptr<ctxloss::TUAnalysis> Analysis;
};

} // namespace clang::tidy::context

#endif // CTXLOSS_CHECKS_LOSTINTASKCHECK_H
