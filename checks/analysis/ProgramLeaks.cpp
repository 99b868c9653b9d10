//===--- ProgramLeaks.cpp - Context left set by tasks, whole program ------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/ProgramLeaks.h"
#include "checks/analysis/ProgramLeaves.h"
#include "llvm/ADT/StringMap.h"
#include <map>
#include <set>

namespace ctxloss {

using namespace summary;

namespace {

class LeakLinker {
public:
  LeakLinker(const Summary &Program, const ContextOptionsLookup &Options)
      : Program(Program), Options(Options), Leaves(Program) {}

  std::vector<ProgramFinding> run();

private:
  bool isContext(const Key &K) const;
  ProgramFinding describe(const Function &Spawner, const Spawn &S, const Key &K,
                          unsigned Entry, const Leave &First);

  const Summary &Program;
  const ContextOptionsLookup &Options;
  ProgramLeaves Leaves;
};

} // namespace

/// As the link decides for context-lost-in-task: a profile's context, a
/// configured or annotated variable, or one written in one function and
/// read in another.
bool LeakLinker::isContext(const Key &K) const {
  if (K.Profile)
    return true;
  const ContextOptions &Opts = Options(K);
  if (Opts.IgnoredVariables.matches(K.Name))
    return false;
  if (K.Annotated || Opts.ContextVariables.matches(K.Name))
    return true;
  if (!Opts.InferContextVariables)
    return false;
  std::set<unsigned> Readers;
  std::set<unsigned> Writers;
  for (unsigned I = 0; I < Program.Functions.size(); ++I) {
    const Function &F = Program.Functions[I];
    if (llvm::any_of(F.Reads, [&](const Read &R) { return R.Key == K.Id; }))
      Readers.insert(I);
    if (llvm::is_contained(F.Writes, K.Id))
      Writers.insert(I);
  }
  if (Readers.empty() || Writers.empty())
    return false;
  return Readers.size() > 1 || Writers.size() > 1 ||
         *Readers.begin() != *Writers.begin();
}

/// How the note on the way out words a leave's exit kind.
static std::string exitWording(llvm::StringRef Kind) {
  if (Kind == "throw")
    return "throws here without restoring it";
  if (Kind == "return")
    return "returns here without restoring it";
  if (Kind == "call")
    return "leaves here without restoring it when this call throws";
  return "ends here without restoring it";
}

ProgramFinding LeakLinker::describe(const Function &Spawner, const Spawn &S,
                                    const Key &K, unsigned Entry,
                                    const Leave &First) {
  ProgramFinding Out;
  Out.Check = LeakedFromTaskCheckName;
  Out.Loc = S.Loc;
  Out.Message = K.Display + " is left set by a task started by '" + S.Boundary +
                "': the next task on that worker inherits it";
  Out.Key = K.Id;
  Out.Spawner = Spawner.Id;
  Out.Boundary = S.Boundary;
  unsigned At = Entry;
  const Leave *Step = &First;
  Out.Chain.push_back(Program.Functions[At].Id);
  // Each step's callee leaves the key set (leaves() said so), and the memo
  // breaks cycles: the walk ends.
  while (!Step->Via.empty() && Out.Chain.size() < 10000) {
    unsigned Callee = *Leaves.index(Step->Via);
    Out.Notes.push_back({Step->Set, Program.Functions[At].Name + " calls " +
                                        Program.Functions[Callee].Name +
                                        " here"});
    At = Callee;
    Out.Chain.push_back(Program.Functions[At].Id);
    Step = Leaves.leaves(At, K.Id);
  }
  Out.Notes.push_back(
      {Step->Set, Program.Functions[At].Name + " sets " + K.Display + " here"});
  Out.Notes.push_back({First.Exit, Program.Functions[Entry].Name + " " +
                                       exitWording(First.ExitKind)});
  return Out;
}

std::vector<ProgramFinding> LeakLinker::run() {
  std::vector<ProgramFinding> Findings;
  std::vector<const Key *> Context;
  for (const Key &K : Program.Keys)
    if (isContext(K))
      Context.push_back(&K);
  std::set<std::pair<Location, std::string>> Reported;
  for (const Function &F : Program.Functions)
    for (const Spawn &S : F.Spawns) {
      if (!S.ReusedWorker || S.CarriesAll)
        continue;
      for (const Key *K : Context) {
        if (llvm::is_contained(S.Carried, K->Id))
          continue;
        for (const std::string &EntryId : S.Entries) {
          std::optional<unsigned> Entry = Leaves.index(EntryId);
          if (!Entry)
            continue;
          const Leave *First = Leaves.leaves(*Entry, K->Id);
          if (!First || !Reported.insert({S.Loc, K->Id}).second)
            continue;
          Findings.push_back(describe(F, S, *K, *Entry, *First));
          break;
        }
      }
    }
  llvm::stable_sort(Findings,
                    [](const ProgramFinding &A, const ProgramFinding &B) {
                      return A.Loc < B.Loc;
                    });
  return Findings;
}

std::vector<ProgramFinding>
analyzeProgramLeaks(const Summary &Program,
                    const ContextOptionsLookup &Options) {
  return LeakLinker(Program, Options).run();
}

} // namespace ctxloss
