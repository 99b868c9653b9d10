//===--- Summarizer.cpp - Summarise one translation unit ------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/Summarizer.h"
#include "checks/analysis/SummaryExport.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <tuple>

using namespace clang;
using namespace clang::ast_matchers;

namespace ctxloss::cli {

namespace {

/// Prints errors and their notes; warnings are not ctxloss's business.
class ErrorPrinter : public TextDiagnosticPrinter {
public:
  using TextDiagnosticPrinter::TextDiagnosticPrinter;

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    if (Level >= DiagnosticsEngine::Error)
      InError = true;
    else if (Level != DiagnosticsEngine::Note)
      InError = false;
    // Counted either way, so hasErrorOccurred() and friends stay right. The
    // grandparent's on purpose: TextDiagnosticPrinter's would also print it.
    // NOLINTNEXTLINE(bugprone-parent-virtual-call)
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (InError)
      TextDiagnosticPrinter::HandleDiagnostic(Level, Info);
  }

private:
  bool InError = false;
};

/// Hands every function definition outside system headers to the engine,
/// as the check's matcher does.
class AddDefinitions : public MatchFinder::MatchCallback {
public:
  explicit AddDefinitions(TUAnalysis &Analysis) : Analysis(Analysis) {}
  void run(const MatchFinder::MatchResult &Result) override {
    if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn"))
      Analysis.addFunction(Fn);
  }

private:
  TUAnalysis &Analysis;
};

class AnalyzeConsumer : public ASTConsumer {
public:
  AnalyzeConsumer(const AnalysisOptions &Options, const ASTVisitor &Visit,
                  ParseResult &Result)
      : Options(Options), Visit(Visit), Result(Result) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    collectDependencies(Ctx.getSourceManager());
    if (Ctx.getDiagnostics().hasErrorOccurred()) {
      Result.Failed = true;
      return;
    }
    TUAnalysis Analysis(Ctx, Options);
    AddDefinitions Callback(Analysis);
    MatchFinder Finder;
    Finder.addMatcher(definitionsToAnalyze(), &Callback);
    Finder.matchAST(Ctx);
    Visit(Ctx, Analysis);
  }

private:
  void collectDependencies(const SourceManager &SM) {
    std::vector<std::string> &Deps = Result.Dependencies;
    OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
    FileManager &Files = SM.getFileManager();
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It)
      if (!Main || It->first != *Main)
        Deps.push_back(Files.getCanonicalName(It->first).str());
    llvm::sort(Deps);
    Deps.erase(llvm::unique(Deps), Deps.end());
    if (Main)
      Deps.insert(Deps.begin(), Files.getCanonicalName(*Main).str());
  }

  const AnalysisOptions &Options;
  const ASTVisitor &Visit;
  ParseResult &Result;
};

class AnalyzeAction : public ASTFrontendAction {
public:
  AnalyzeAction(const AnalysisOptions &Options, const ASTVisitor &Visit,
                ParseResult &Result)
      : Options(Options), Visit(Visit), Result(Result) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<AnalyzeConsumer>(Options, Visit, Result);
  }

private:
  const AnalysisOptions &Options;
  const ASTVisitor &Visit;
  ParseResult &Result;
};

} // namespace

ParseResult parseAndAnalyze(const tooling::CompileCommand &Cmd,
                            const AnalysisOptions &Options,
                            llvm::StringRef ResourceDir,
                            const ASTVisitor &Visit) {
  ParseResult Result;
  tooling::ArgumentsAdjuster Adjust = tooling::combineAdjusters(
      tooling::getClangStripOutputAdjuster(),
      tooling::combineAdjusters(tooling::getClangStripDependencyFileAdjuster(),
                                tooling::getClangSyntaxOnlyAdjuster()));
  std::vector<std::string> Args = Adjust(Cmd.CommandLine, Cmd.Filename);
  // Keeps the compiler's "N errors generated." line out of the output; the
  // errors themselves are printed with carets by ErrorPrinter.
  Args.emplace_back("-fno-caret-diagnostics");
  // Builtin headers: the resource directory of the Clang we link, unless
  // the command names one.
  if (!ResourceDir.empty() && !Args.empty() &&
      llvm::none_of(Args, [](llvm::StringRef A) {
        return A.starts_with("-resource-dir");
      }))
    Args.insert(Args.begin() + 1, ("-resource-dir=" + ResourceDir).str());

  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS =
      llvm::vfs::createPhysicalFileSystem();
  // A build directory that is gone (a database kept after a clean) leaves
  // ours as the working directory: absolute paths still work, and whatever
  // relative path then cannot be found is reported by the compile itself.
  std::ignore = FS->setCurrentWorkingDirectory(Cmd.Directory);
  llvm::IntrusiveRefCntPtr<FileManager> Files(
      new FileManager(FileSystemOptions(), FS));

  llvm::raw_string_ostream Errors(Result.Errors);
  DiagnosticOptions DiagOpts;
  ErrorPrinter Printer(Errors, DiagOpts);
  tooling::ToolInvocation Invocation(
      std::move(Args), std::make_unique<AnalyzeAction>(Options, Visit, Result),
      Files.get());
  Invocation.setDiagnosticConsumer(&Printer);
  if (!Invocation.run() || Printer.getNumErrors() > 0)
    Result.Failed = true;
  return Result;
}

TUSummary summarizeTU(const tooling::CompileCommand &Cmd,
                      const AnalysisOptions &Options,
                      const SuspendOptions &Suspend,
                      llvm::StringRef ResourceDir) {
  TUSummary Out;
  Out.Parse = parseAndAnalyze(
      Cmd, Options, ResourceDir, [&](ASTContext &Ctx, TUAnalysis &Analysis) {
        Analysis.run();
        Out.Summary =
            exportSummary(Analysis, Ctx, Cmd.Filename, Options, Suspend);
      });
  if (Out.Parse.Failed)
    Out.Summary.reset();
  return Out;
}

} // namespace ctxloss::cli
