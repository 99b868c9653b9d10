//===--- CtxlossMain.cpp - The whole-program ctxloss driver ---------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// `ctxloss -p BUILD_DIR [FILES...]`: summarises every translation unit of
/// a compilation database in parallel (from a cache when unchanged), links
/// the summaries into one program, and reports every spawn whose task reads
/// context that was not carried over, also across files; or applies the
/// fixes. Exit status: 0 no findings, 1 findings, 2 usage or input error.
///
//===----------------------------------------------------------------------===//

#include "checks/analysis/ProgramAnalysis.h"
#include "checks/analysis/ProgramLeaks.h"
#include "checks/analysis/ProgramSuspend.h"
#include "checks/analysis/ProgramWriteLoss.h"
#include "tool/ResourceDir.h"
#include "tool/Version.h"
#include "tool/ctxloss/Cache.h"
#include "tool/ctxloss/CompileDatabase.h"
#include "tool/ctxloss/Config.h"
#include "tool/ctxloss/FixDiff.h"
#include "tool/ctxloss/Fixes.h"
#include "tool/ctxloss/NinjaEmitter.h"
#include "tool/ctxloss/NoLint.h"
#include "tool/ctxloss/Reporters.h"
#include "tool/ctxloss/Runner.h"
#include "tool/ctxloss/SourceRoot.h"
#include "tool/ctxloss/SpawnCounts.h"
#include "tool/ctxloss/Summarizer.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>

using namespace ctxloss;
using namespace ctxloss::cli;
namespace cl = llvm::cl;

namespace {

enum ExitCode : std::uint8_t { ExitClean = 0, ExitFindings = 1, ExitError = 2 };
enum class Format : std::uint8_t { Text, Json, Sarif, CodeQuality };

cl::OptionCategory Category("ctxloss options");

cl::opt<std::string>
    BuildPath("p",
              cl::desc("Build directory holding compile_commands.json (or the "
                       "file itself)"),
              cl::value_desc("dir"), cl::cat(Category));
cl::list<std::string>
    Files(cl::Positional,
          cl::desc("[<file> ...]: report only spawn sites in these files "
                   "(all translation units are still summarised)"),
          cl::cat(Category));
cl::list<std::string> ExtraArgs(
    "extra-arg",
    cl::desc("Additional argument to append to the compiler command line"),
    cl::cat(Category));
cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before",
    cl::desc("Additional argument to prepend to the compiler command line"),
    cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc("Parallel jobs (default: all cores)"),
                       cl::init(0), cl::Prefix, cl::cat(Category));
cl::opt<std::string>
    CacheDir("cache-dir",
             cl::desc("Summary cache (default: <build>/.ctxloss-cache)"),
             cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> NoCache("no-cache", cl::desc("Neither read nor write the cache"),
                      cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("No progress line, no summary line"),
                    cl::cat(Category));
cl::opt<Format> OutputFormat(
    "format", cl::desc("Output format"), cl::init(Format::Text),
    cl::values(clEnumValN(Format::Text, "text", "clang-style diagnostics"),
               clEnumValN(Format::Json, "json", "JSON"),
               clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0"),
               clEnumValN(Format::CodeQuality, "codequality",
                          "GitLab code quality report")),
    cl::cat(Category));
cl::opt<std::string> Output("output", cl::desc("Write the report to <file>"),
                            cl::value_desc("file"), cl::cat(Category));
cl::alias OutputShort("o", cl::aliasopt(Output), cl::desc("Alias for --output"),
                      cl::NotHidden, cl::cat(Category));
cl::opt<std::string> SourceRoot(
    "source-root",
    cl::desc("Base of the relative SARIF URIs and --show-fixes paths "
             "(default: the current directory when the sources are under "
             "it, else the top of their git checkout)"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> SarifSuppressed(
    "sarif-suppressed",
    cl::desc("Also write the findings suppressed by NOLINT comments to the "
             "SARIF log, as suppressed in source"),
    cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the fixes, each edit once"),
                  cl::cat(Category));
cl::opt<bool> ShowFixes(
    "show-fixes",
    cl::desc("Print the fixes as a unified diff per file, after the report "
             "(without --fix, nothing is edited)"),
    cl::cat(Category));
cl::opt<std::string>
    ExportFixes("export-fixes",
                cl::desc("Write the fixes as clang-apply-replacements YAML"),
                cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    EmitNinja("emit-ninja",
              cl::desc("Write a Ninja file running the pipeline, and exit"),
              cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> Checks("checks",
                            cl::desc("Checks filter, as clang-tidy's"),
                            cl::cat(Category));
cl::opt<std::string>
    ConfigText("config", cl::desc("Configuration, as clang-tidy's --config"),
               cl::cat(Category));
cl::opt<std::string> ConfigFile("config-file",
                                cl::desc("Read the configuration from <file>"),
                                cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> WriteProgramSummary(
    "write-program-summary",
    cl::desc("Write the merged program summary, for the check's "
             "SummaryFile option"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> SummarizeOnly(
    "summarize-only",
    cl::desc("Summarise the one <file> given into <summary> and write "
             "<summary>.d (a depfile); used by --emit-ninja"),
    cl::value_desc("summary"), cl::cat(Category), cl::Hidden);
cl::opt<bool> FromSummaries(
    "from-summaries",
    cl::desc("The positional arguments are summary files to link and report"),
    cl::cat(Category), cl::Hidden);
// Test-only: make summarising one file crash, as a frontend bug would.
cl::opt<std::string> CrashOn("test-crash-on",
                             cl::desc("Crash (SIGSEGV) summarising <file>"),
                             cl::value_desc("file"), cl::cat(Category),
                             cl::Hidden);
cl::opt<std::string> AbortOn("test-abort-on",
                             cl::desc("Abort (SIGABRT, as a failed assertion) "
                                      "summarising <file>"),
                             cl::value_desc("file"), cl::cat(Category),
                             cl::Hidden);
cl::opt<bool> ExitZero("exit-zero",
                       cl::desc("Exit 0 when there are findings (not on "
                                "errors)"),
                       cl::cat(Category), cl::Hidden);

} // namespace

static int fail(const llvm::Twine &Message) {
  llvm::errs() << "ctxloss: error: " << Message << "\n";
  return ExitError;
}

/// Reports option values that do not parse, once each. True if any.
static bool reportConfigErrors(Config &Options,
                               llvm::ArrayRef<std::string> SourceFiles) {
  llvm::StringSet<> Seen;
  for (const std::string &File : SourceFiles)
    for (const std::string &Error : Options.forFile(File).Errors)
      if (Seen.insert(Error).second)
        llvm::errs() << "ctxloss: error: " << Error << "\n";
  return !Seen.empty();
}

static std::vector<std::string>
sourceFiles(llvm::ArrayRef<clang::tooling::CompileCommand> Commands) {
  std::vector<std::string> Out;
  for (const clang::tooling::CompileCommand &Cmd : Commands)
    Out.push_back(Cmd.Filename);
  return Out;
}

/// The --format spelling of \p F.
static llvm::StringRef formatName(Format F) {
  switch (F) {
  case Format::Text:
    return "text";
  case Format::Json:
    return "json";
  case Format::Sarif:
    return "sarif";
  case Format::CodeQuality:
    return "codequality";
  }
  llvm_unreachable("unknown output format");
}

/// The report, rendered before any fix is applied: the text format's
/// source lines are those that were analysed.
static std::string renderReport(llvm::ArrayRef<ProgramFinding> Findings,
                                llvm::ArrayRef<ProgramFinding> Suppressed,
                                llvm::StringRef Root) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  switch (OutputFormat.getValue()) {
  case Format::Text:
    writeText(Findings, OS);
    break;
  case Format::Json:
    writeJson(Findings, OS);
    break;
  case Format::Sarif:
    writeSarif(Findings,
               SarifSuppressed ? Suppressed : llvm::ArrayRef<ProgramFinding>(),
               Root, OS);
    break;
  case Format::CodeQuality:
    writeCodeQuality(Findings, Root, OS);
    break;
  }
  return Text;
}

static int writeReport(llvm::StringRef Text) {
  if (Output.empty()) {
    llvm::outs() << Text;
    return ExitClean;
  }
  std::error_code EC;
  llvm::raw_fd_ostream File(Output, EC);
  if (EC)
    return fail("cannot write '" + Output + "': " + EC.message());
  File << Text;
  return ExitClean;
}

/// The lock that one `--fix` at a time holds in the build directory; in
/// the temporary directory, named after it, when it cannot be written.
static std::string fixLockFile() {
  llvm::SmallString<256> Dir(BuildPath);
  if (!llvm::sys::fs::is_directory(Dir))
    llvm::sys::path::remove_filename(Dir);
  std::string BuildDir = absolutePath(Dir);
  llvm::SmallString<256> Path(BuildDir);
  if (llvm::sys::fs::access(BuildDir, llvm::sys::fs::AccessMode::Write)) {
    llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, Path);
    llvm::sys::path::append(Path,
                            "ctxloss-fix-" + hashContent(BuildDir) + ".lock");
    return std::string(Path);
  }
  llvm::sys::path::append(Path, ".ctxloss-fix.lock");
  return std::string(Path);
}

/// Links \p Summaries, reports or fixes. \p Commands and \p Owners are
/// empty when working from summary files only. \p Stats: print the calls
/// handing a task to a spawning helper (`--stats`).
static int
linkAndReport(std::vector<summary::Summary> Summaries, Config &Options,
              llvm::ArrayRef<clang::tooling::CompileCommand> Commands,
              bool HadErrors, const std::string &ResourceDir, bool Stats) {
  // Which translation unit each function's summary comes from (the first,
  // as the merge keeps it), for re-parsing when fixing.
  llvm::StringMap<unsigned> Owners;
  if (!Commands.empty())
    for (unsigned I = 0; I < Summaries.size(); ++I)
      for (const summary::Function &Fn : Summaries[I].Functions)
        Owners.try_emplace(Fn.Id, I);
  std::vector<clang::tooling::CompileCommand> Compiled;
  for (const summary::Summary &S : Summaries)
    for (const clang::tooling::CompileCommand &Cmd : Commands)
      if (!S.Sources.empty() && Cmd.Filename == S.Sources.front())
        Compiled.push_back(Cmd);

  std::vector<std::string> Sources;
  for (const summary::Summary &S : Summaries)
    Sources.insert(Sources.end(), S.Sources.begin(), S.Sources.end());
  std::string Root = SourceRoot.empty() ? defaultSourceRoot(Sources)
                                        : absolutePath(SourceRoot);
  summary::Summary Program = summary::merge(std::move(Summaries));
  if (Stats) {
    unsigned Calls = countHelperCalls(Program);
    llvm::errs() << "ctxloss: " << Calls
                 << (Calls == 1 ? " call hands" : " calls hand")
                 << " an identified task to a spawning helper\n";
  }
  if (!WriteProgramSummary.empty())
    if (llvm::Error E = summary::writeSummary(Program, WriteProgramSummary))
      return fail(llvm::toString(std::move(E)));

  auto ContextOptionsOf = [&](const summary::Key &K) -> const ContextOptions & {
    return Options.forFile(K.Declared.File).Analysis.Context;
  };
  std::vector<ProgramFinding> All = analyzeProgram(Program, ContextOptionsOf);
  // The other checks' findings, merged in by position.
  std::vector<ProgramFinding> Leaked =
      analyzeProgramLeaks(Program, ContextOptionsOf, &All);
  All.insert(All.end(), std::make_move_iterator(Leaked.begin()),
             std::make_move_iterator(Leaked.end()));
  for (ProgramFinding &F : findProgramWriteLoss(Program, ContextOptionsOf))
    All.push_back(std::move(F));
  for (ProgramFinding &F :
       findProgramLostAfterSuspend(Program, ContextOptionsOf))
    All.push_back(std::move(F));
  llvm::stable_sort(All, [](const ProgramFinding &A, const ProgramFinding &B) {
    return A.Loc < B.Loc;
  });
  // Reported where the check is enabled, and in the files asked for.
  llvm::StringSet<> Wanted;
  for (const std::string &File : Files)
    Wanted.insert(absolutePath(File));
  // NOLINT comments suppress as in clang-tidy.
  NoLintFilter NoLint;
  std::vector<ProgramFinding> Findings;
  std::vector<ProgramFinding> Suppressed;
  for (ProgramFinding &F : All) {
    if (!Options.forFile(F.Loc.File).enabled(F.Check) ||
        !(Wanted.empty() || FromSummaries || Wanted.contains(F.Loc.File)))
      continue;
    if (NoLint.suppresses(F.Loc, F.Check))
      Suppressed.push_back(std::move(F));
    else
      Findings.push_back(std::move(F));
  }

  std::string Report = renderReport(Findings, Suppressed, Root);
  std::string Diffs;
  if (Fix || ShowFixes || !ExportFixes.empty()) {
    if (Compiled.empty() && !Findings.empty())
      return fail("--fix, --show-fixes and --export-fixes need a compilation "
                  "database");
    FixPlan Plan = planFixes(Findings, Compiled, Owners, Options, ResourceDir);
    for (const std::string &Why : Plan.Refused)
      llvm::errs() << "ctxloss: note: no fix applied at " << Why << "\n";
    if (!ExportFixes.empty())
      if (llvm::Error E = exportEdits(Plan.Edits, ExportFixes))
        return fail(llvm::toString(std::move(E)));
    if (ShowFixes) {
      llvm::raw_string_ostream OS(Diffs);
      if (llvm::Error E = writeFixDiffs(Plan, Root, OS))
        return fail(llvm::toString(std::move(E)));
    }
    if (Fix) {
      if (llvm::Error E = applyEdits(Plan, fixLockFile(), llvm::errs()))
        return fail(llvm::toString(std::move(E)));
      if (!Quiet)
        llvm::errs() << "ctxloss: applied " << Plan.Edits.size()
                     << " edits fixing " << Plan.Fixed << " of "
                     << Findings.size() << " spawn sites\n";
    }
  }
  if (int Status = writeReport(Report))
    return Status;
  llvm::outs() << Diffs;
  if (!Quiet && OutputFormat == Format::Text && !Findings.empty())
    llvm::errs() << "ctxloss: " << Findings.size() << " warning"
                 << (Findings.size() == 1 ? "" : "s") << "\n";
  // clang-tidy's words.
  if (!Quiet && !Suppressed.empty())
    llvm::errs() << "Suppressed " << Suppressed.size() << " warnings ("
                 << Suppressed.size() << " NOLINT).\n";
  if (HadErrors)
    return ExitError;
  return Findings.empty() || ExitZero ? ExitClean : ExitFindings;
}

static int
summarizeOnly(llvm::ArrayRef<clang::tooling::CompileCommand> Commands,
              Config &Options, const std::string &ResourceDir) {
  if (Files.size() != 1)
    return fail("--summarize-only takes exactly one source file");
  std::string File = absolutePath(Files.front());
  const clang::tooling::CompileCommand *Cmd = nullptr;
  for (const clang::tooling::CompileCommand &C : Commands)
    if (C.Filename == File)
      Cmd = &C;
  if (!Cmd)
    return fail("'" + File + "' is not in the compilation database");
  const CheckConfig &Check = Options.forFile(File);
  TUSummary Result =
      summarizeTU(*Cmd, Check.Analysis, Check.Suspend, ResourceDir);
  if (!Result.Summary) {
    llvm::errs() << Result.Parse.Errors;
    return fail("'" + File + "' does not compile");
  }
  if (llvm::Error E = summary::writeSummary(*Result.Summary, SummarizeOnly))
    return fail(llvm::toString(std::move(E)));
  // A depfile, so that Ninja reruns this step when a header changes.
  std::error_code EC;
  llvm::raw_fd_ostream Dep(SummarizeOnly + ".d", EC);
  if (EC)
    return fail("cannot write '" + SummarizeOnly + ".d': " + EC.message());
  auto Escape = [](llvm::StringRef Path) {
    std::string Out;
    for (char C : Path) {
      if (C == ' ' || C == '#')
        Out += '\\';
      if (C == '$')
        Out += '$';
      Out += C;
    }
    return Out;
  };
  Dep << Escape(SummarizeOnly) << ":";
  for (const std::string &Path : Result.Parse.Dependencies)
    Dep << " \\\n  " << Escape(Path);
  Dep << "\n";
  return ExitClean;
}

/// `--stats`, which LLVM also registers (for its statistics, which mean
/// nothing to a user of this tool): ours replaces it.
static cl::opt<bool> &statsOption() {
  if (cl::Option *Theirs = cl::getRegisteredOptions().lookup("stats"))
    Theirs->removeArgument();
  static cl::opt<bool> Stats(
      "stats", cl::desc("Print translation unit, cache and spawn site counts"),
      cl::cat(Category));
  return Stats;
}

int main(int Argc, const char **Argv) {
  llvm::InitLLVM X(Argc, Argv);
  // A crash summarising one translation unit fails that unit only.
  llvm::CrashRecoveryContext::Enable();
  cl::HideUnrelatedOptions(Category);
  const cl::opt<bool> &Stats = statsOption();
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    printVersion(OS);
    cl::PrintVersionMessage();
  });
  if (!cl::ParseCommandLineOptions(
          Argc, Argv,
          "ctxloss: whole-program context-loss analysis over a compilation "
          "database.\n\nExit status: 0 no findings, 1 findings, 2 usage or "
          "input error.\n",
          &llvm::errs()))
    return ExitError;

  llvm::Expected<std::unique_ptr<Config>> Options =
      Config::create(ConfigText, ConfigFile, Checks);
  if (!Options)
    return fail(llvm::toString(Options.takeError()));
  std::string ResourceDir =
      findResourceDir(Argv[0], reinterpret_cast<void *>(&findResourceDir));

  if (FromSummaries) {
    if (Fix || ShowFixes || !ExportFixes.empty())
      return fail("--fix, --show-fixes and --export-fixes need a compilation "
                  "database");
    std::vector<summary::Summary> Summaries;
    for (const std::string &File : Files) {
      llvm::Expected<summary::Summary> S = summary::readSummary(File);
      if (!S)
        return fail(llvm::toString(S.takeError()));
      Summaries.push_back(std::move(*S));
    }
    return linkAndReport(std::move(Summaries), **Options, {}, false,
                         ResourceDir, Stats);
  }

  if (BuildPath.empty())
    return fail("no build directory: pass -p <dir> with a "
                "compile_commands.json");
  llvm::Expected<std::vector<clang::tooling::CompileCommand>> Commands =
      loadCompileCommands(BuildPath);
  if (!Commands)
    return fail(llvm::toString(Commands.takeError()));
  adjustCommands(*Commands, ExtraArgsBefore, ExtraArgs);
  // Nothing enabled would pass every CI run without looking at anything.
  if (llvm::none_of(*Commands, [&](const clang::tooling::CompileCommand &C) {
        return (*Options)->forFile(C.Filename).anyEnabled();
      }))
    return fail("no checks enabled: --checks and the .clang-tidy files leave "
                "out every context-* check");
  if (reportConfigErrors(**Options, sourceFiles(*Commands)))
    return ExitError;

  if (!SummarizeOnly.empty())
    return summarizeOnly(*Commands, **Options, ResourceDir);

  if (!EmitNinja.empty()) {
    NinjaPlan Plan;
    Plan.Ctxloss = llvm::sys::fs::getMainExecutable(
        Argv[0], reinterpret_cast<void *>(&findResourceDir));
    Plan.BuildPath = absolutePath(BuildPath);
    if (!Checks.empty())
      Plan.PassThrough.push_back("--checks=" + Checks);
    if (!ConfigText.empty())
      Plan.PassThrough.push_back("--config=" + ConfigText);
    if (!ConfigFile.empty())
      Plan.PassThrough.push_back("--config-file=" + absolutePath(ConfigFile));
    for (const std::string &Arg : ExtraArgsBefore)
      Plan.PassThrough.push_back("--extra-arg-before=" + Arg);
    for (const std::string &Arg : ExtraArgs)
      Plan.PassThrough.push_back("--extra-arg=" + Arg);
    if (SarifSuppressed)
      Plan.PassThrough.emplace_back("--sarif-suppressed");
    Plan.Format = formatName(OutputFormat).str();
    for (const clang::tooling::CompileCommand &Cmd : *Commands) {
      std::vector<std::string> &Files = Plan.ConfigFiles[Cmd.Filename];
      Files = (*Options)->filesFor(Cmd.Filename);
      if (!ConfigFile.empty())
        Files.push_back(absolutePath(ConfigFile));
    }
    if (llvm::Error E = emitNinja(EmitNinja, *Commands, Plan))
      return fail(llvm::toString(std::move(E)));
    return ExitClean;
  }

  // Files named on the command line must exist.
  bool HadErrors = false;
  for (const std::string &File : Files)
    if (!llvm::sys::fs::exists(File)) {
      fail("cannot read '" + File + "': no such file");
      HadErrors = true;
    }

  std::unique_ptr<SummaryCache> Cache;
  if (!NoCache) {
    llvm::SmallString<256> Dir(CacheDir);
    if (Dir.empty()) {
      Dir = llvm::sys::fs::is_directory(BuildPath)
                ? llvm::StringRef(BuildPath)
                : llvm::sys::path::parent_path(BuildPath);
      llvm::sys::path::append(Dir, ".ctxloss-cache");
    }
    if (llvm::Error E = checkCacheDir(Dir))
      llvm::errs() << "ctxloss: warning: cannot use the cache directory '"
                   << Dir << "': " << llvm::toString(std::move(E))
                   << "; running without a cache\n";
    else
      Cache = std::make_unique<SummaryCache>(std::string(Dir));
  }
  RunOptions Run;
  Run.Threads = Jobs;
  Run.Cache = Cache.get();
  Run.ShowProgress = !Quiet && llvm::sys::Process::StandardErrIsDisplayed();
  Run.ResourceDir = ResourceDir;
  if (!CrashOn.empty())
    Run.CrashOn = absolutePath(CrashOn);
  if (!AbortOn.empty())
    Run.AbortOn = absolutePath(AbortOn);
  RunResult Result = summarizeAll(*Commands, **Options, Run);
  for (const std::string &Error : Result.Errors)
    llvm::errs() << Error;
  if (Stats)
    llvm::errs() << "ctxloss: " << Result.Stats.Total
                 << " translation units: " << Result.Stats.Summarized
                 << " summarised, " << Result.Stats.Cached << " from cache, "
                 << Result.Stats.Failed << " failed\n";
  if (Stats) {
    SpawnCounts Spawns = countSpawns(Result.Summaries);
    llvm::errs() << "ctxloss: " << Spawns.Sites
                 << (Spawns.Sites == 1 ? " spawn site, " : " spawn sites, ")
                 << Spawns.Resolved << " with their task identified, "
                 << Spawns.Forwarded
                 << " spawning a parameter (their tasks are the callers')\n";
  }
  HadErrors |= Result.Stats.Failed > 0;
  return linkAndReport(std::move(Result.Summaries), **Options, *Commands,
                       HadErrors, ResourceDir, Stats);
}
