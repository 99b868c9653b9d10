//===--- Summarizer.h - Summarise one translation unit ----------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Parses one translation unit from its compile command and runs the
/// engine over every function definition it contains, as the clang-tidy
/// check does, then exports the summary. Also used to re-parse the
/// translation units whose spawn sites need fixes.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_SUMMARIZER_H
#define CTXLOSS_TOOL_CTXLOSS_SUMMARIZER_H

#include "checks/analysis/SummaryFile.h"
#include "checks/analysis/SuspendRecognizer.h"
#include "checks/analysis/TUAnalysis.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <functional>
#include <optional>

namespace ctxloss::cli {

/// Runs \p Visit on the AST of one translation unit, with every function
/// definition added to the engine (TUAnalysis::run not called yet).
using ASTVisitor = std::function<void(clang::ASTContext &, TUAnalysis &)>;

struct ParseResult {
  /// The compiler's error messages; the translation unit is left out when
  /// there are any.
  std::string Errors;
  bool Failed = false;
  /// Every file the translation unit read, main file first.
  std::vector<std::string> Dependencies;
};

/// Parses \p Cmd and, when it compiles, hands the AST and an engine holding
/// all its function definitions to \p Visit.
ParseResult parseAndAnalyze(const clang::tooling::CompileCommand &Cmd,
                            const AnalysisOptions &Options,
                            llvm::StringRef ResourceDir,
                            const ASTVisitor &Visit);

struct TUSummary {
  ParseResult Parse;
  std::optional<summary::Summary> Summary;
};

/// Summarises the translation unit of \p Cmd.
TUSummary summarizeTU(const clang::tooling::CompileCommand &Cmd,
                      const AnalysisOptions &Options,
                      const SuspendOptions &Suspend,
                      llvm::StringRef ResourceDir);

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_SUMMARIZER_H
