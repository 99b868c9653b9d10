//===--- Runner.cpp - Summarise many translation units in parallel --------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/Runner.h"
#include "tool/ctxloss/Progress.h"
#include "tool/ctxloss/Summarizer.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

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
  TUSummary Result = summarizeTU(Cmd, Check.Analysis, Run.ResourceDir);
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
