//===--- Runner.cpp - Summarise many translation units in parallel --------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/Runner.h"
#include "tool/ctxloss/Progress.h"
#include "tool/ctxloss/Summarizer.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include <csignal>
#include <cstdlib>
#include <cstring>

namespace ctxloss::cli {

namespace {

/// The outcome for one translation unit.
struct Slot {
  std::optional<summary::Summary> Summary;
  std::string Error;
  bool Cached = false;
};

} // namespace

static Slot summarizeOne(const clang::tooling::CompileCommand &Cmd,
                         Config &Options, const RunOptions &Run) {
  Slot Out;
  const CheckConfig &Check = Options.forFile(Cmd.Filename);
  std::string Key = SummaryCache::key(Cmd, Check.SummaryFingerprint);
  if (Run.Cache) {
    Out.Summary = Run.Cache->lookup(Key);
    if (Out.Summary) {
      Out.Cached = true;
      return Out;
    }
  }
  // A crash in Clang or in the analysis (a frontend bug, a failed
  // assertion) fails this translation unit only: the others go on, and the
  // run still exits 2. LLVM's CrashRecoveryContext catches the signal on
  // this thread. A stack overflow is not caught (the signal handler would
  // need its own stack) and still ends the process.
  TUSummary Result;
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] {
        if (Cmd.Filename == Run.CrashOn) {
          volatile int *Null = nullptr;
          *Null = 1;
        }
        if (Cmd.Filename == Run.AbortOn)
          std::abort();
        Result =
            summarizeTU(Cmd, Check.Analysis, Check.Suspend, Run.ResourceDir);
      })) {
    int Signal = Recovery.RetCode > 128 ? Recovery.RetCode - 128 : 0;
    Out.Error = "error: summarising '" + Cmd.Filename + "' crashed";
    if (Signal)
      Out.Error +=
          " (signal " + std::to_string(Signal) + ", " + strsignal(Signal) + ")";
    Out.Error += "; it is left out of the analysis\n";
    return Out;
  }
  if (!Result.Summary) {
    Out.Error = Result.Parse.Errors + "error: '" + Cmd.Filename +
                "' does not compile; it is left out of the analysis\n";
    return Out;
  }
  if (Run.Cache)
    Run.Cache->store(Key, *Result.Summary, Result.Parse.Dependencies);
  Out.Summary = std::move(Result.Summary);
  return Out;
}

RunResult summarizeAll(llvm::ArrayRef<clang::tooling::CompileCommand> Commands,
                       Config &Options, const RunOptions &Run) {
  std::vector<Slot> Slots(Commands.size());
  {
    Progress Bar(Commands.size(), Run.ShowProgress);
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Run.Threads));
    for (size_t I = 0; I < Commands.size(); ++I)
      Pool.async([&, I] {
        Slots[I] = summarizeOne(Commands[I], Options, Run);
        Bar.done(Commands[I].Filename);
      });
    Pool.wait();
  }
  RunResult Result;
  Result.Stats.Total = Commands.size();
  for (Slot &S : Slots) {
    if (!S.Summary) {
      ++Result.Stats.Failed;
      Result.Errors.push_back(std::move(S.Error));
      continue;
    }
    ++(S.Cached ? Result.Stats.Cached : Result.Stats.Summarized);
    Result.Summaries.push_back(std::move(*S.Summary));
  }
  return Result;
}

} // namespace ctxloss::cli
