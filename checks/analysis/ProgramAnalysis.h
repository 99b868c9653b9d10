//===--- ProgramAnalysis.h - Context loss across a whole program -*- C++
//-*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Links the summaries of every translation unit of a program (merged by
/// USR) and reports every spawn site whose task reaches an unrestored
/// context read, with a shortest call path, also when the spawn, the
/// functions on the path and the read are in different files. It is the
/// whole-program counterpart of TUAnalysis::run and words its findings the
/// same way. Linear in the size of the merged summary per context key.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_PROGRAMANALYSIS_H
#define CTXLOSS_ANALYSIS_PROGRAMANALYSIS_H

#include "checks/analysis/ContextChecks.h"
#include "checks/analysis/ContextModel.h"
#include "checks/analysis/SummaryFile.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <functional>

namespace ctxloss {

/// A note of a finding: where and what.
struct ProgramNote {
  summary::Location Loc;
  std::string Message;
};

/// Appends the notes saying how \p Spawner starts a task at \p Loc: "'f'
/// starts the task with 'B' here", or, for a task stored for a worker,
/// where it is stored and which function runs it on which thread (as the
/// per-TU checks word them).
void addSpawnNotes(std::vector<ProgramNote> &Notes, llvm::StringRef Spawner,
                   const summary::Location &Loc, llvm::StringRef Boundary,
                   const std::optional<summary::StoredTask> &Stored);

/// Appends, for a task kept in a local holder before its spawn, "the task
/// is kept in 'task' here until it is started" (as the per-TU checks word
/// it).
void addHolderNote(std::vector<ProgramNote> &Notes,
                   const std::optional<summary::Holder> &Held);

/// One spawn site and context key whose value is lost, as the check words
/// it: the warning at the spawn, then notes from the spawn down to the read.
struct ProgramFinding {
  /// The check reporting it (one of ContextChecks).
  llvm::StringRef Check = LostInTaskCheckName;
  summary::Location Loc;
  std::string Message;
  std::vector<ProgramNote> Notes;
  std::string Key;      ///< The key id.
  std::string Spawner;  ///< Id of the function containing the spawn.
  std::string Boundary; ///< How the task is started.
  /// The function ids from the task's entry down to the reader.
  std::vector<std::string> Chain;
};

/// The options deciding which keys are context, for a key.
using ContextOptionsLookup =
    std::function<const ContextOptions &(const summary::Key &)>;

/// Reports the findings of the whole program \p Program, ordered by spawn
/// site (file, line, column), then key name.
std::vector<ProgramFinding> analyzeProgram(const summary::Summary &Program,
                                           const ContextOptionsLookup &Options);

/// A context read that a function reaches through the program's calls.
struct ProgramRead {
  std::string Key;     ///< The key id.
  std::string KeyName; ///< The variable's qualified name, or the profile's.
  bool Profile = false;
  std::string Display; ///< "thread-local 'ns::id'".
  std::string Reader;  ///< The function performing the read, as named.
  summary::Location Loc;
  /// The first step towards the read, when the function does not read
  /// itself: the function it calls (id), and where.
  std::string Next;
  summary::Location NextLoc;
};

/// A parameter that a function hands to a new task, itself or through the
/// helpers it passes it to, as the program summary says: a call to that
/// function defined elsewhere is a spawn boundary, as it is for `ctxloss`.
struct ProgramSpawn {
  unsigned Param = 0;
  std::string Spawner;  ///< The function starting the task, as named.
  std::string Boundary; ///< How it starts it ("std::thread").
  summary::Location Loc;
  /// `wait_for`/`wait_until` when the spawner waits with a timeout, and
  /// where.
  std::string Awaited;
  summary::Location AwaitedLoc;
  /// Key ids the spawn (or the wrapper it spawns) carries over.
  std::vector<std::string> Restored;
  bool CarriesAll = false;
  /// The task runs on a reused worker (summary::ParamSpawn::ReusedWorker).
  bool ReusedWorker = false;
  /// The spawner stores the task for a worker (summary::ParamSpawn::Stored).
  std::optional<summary::StoredTask> Stored;
  /// When the spawner waits for the task on every path before returning
  /// (summary::ParamSpawn::Waits): how and where. A call of the function
  /// returns once the task has ended.
  std::optional<summary::Wait> Waits;
  /// How the function hands the task on to Spawner, when it does not spawn
  /// it itself: one note per helper passing it on ("'a' passes the task to
  /// 'b' here"), in order.
  std::vector<ProgramNote> Forwards;
};

/// For each function id, the parameters it spawns, itself or through the
/// helpers it passes them to (a few ways each), ordered by parameter.
using ProgramSpawns = llvm::StringMap<std::vector<ProgramSpawn>>;

/// The spawned parameters of the functions of \p Program, as the link
/// infers them for `context-lost-in-task`.
ProgramSpawns findProgramSpawns(const summary::Summary &Program);

/// The `virtual:<member>` ids (summary::VirtualCallPrefix) of the members
/// that some function of \p Program overrides.
llvm::StringSet<> findOverriddenMembers(const summary::Summary &Program);

/// The id under which the link knows a call of \p Callee: \p Callee, or
/// for a virtual call of a member that nothing overrides (not in
/// \p Overridden), the member's own id.
inline llvm::StringRef resolveCalleeId(llvm::StringRef Callee,
                                       const llvm::StringSet<> &Overridden) {
  if (Callee.starts_with(summary::VirtualCallPrefix) &&
      !Overridden.contains(Callee))
    return Callee.drop_front(summary::VirtualCallPrefix.size());
  return Callee;
}

/// What the `SummaryFile` option hands the check: for each function id, the
/// nearest unrestored read of each context key it reaches, so that a call to
/// a function defined in another file counts as the read it leads to; and
/// the variables the whole program shows to be context.
struct ProgramReaders {
  llvm::StringMap<std::vector<ProgramRead>> ByFunction;
  llvm::StringSet<> ContextVariables; ///< Key ids.
  /// Every function the program summary has a summary of: a call to one
  /// of them is known code, not a guess.
  llvm::StringSet<> Functions;
  /// For each function id, the context keys it writes, itself or through
  /// its calls (a setter, a scope class's constructor): a call to it
  /// defined elsewhere restores them, as a local writer's call does.
  llvm::StringMap<std::vector<std::string>> Writes;
  /// For each function id, the parameters it spawns (findProgramSpawns).
  ProgramSpawns Spawns;
  /// The `virtual:<member>` ids of the members something overrides: a
  /// virtual call of one is resolved by the entries above under that id.
  /// A virtual call of any other member runs the member's own body.
  llvm::StringSet<> Overridden;

  /// The id the entries above know a call of \p Callee by (a function's,
  /// or a virtual call's: summary::VirtualCallPrefix).
  llvm::StringRef calleeId(llvm::StringRef Callee) const {
    return resolveCalleeId(Callee, Overridden);
  }

  /// The read of \p Key that function \p Fn reaches, or null.
  const ProgramRead *readBy(llvm::StringRef Fn, llvm::StringRef Key) const {
    auto It = ByFunction.find(Fn);
    if (It == ByFunction.end())
      return nullptr;
    for (const ProgramRead &R : It->second)
      if (R.Key == Key)
        return &R;
    return nullptr;
  }
};

ProgramReaders findProgramReaders(const summary::Summary &Program,
                                  const ContextOptionsLookup &Options);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_PROGRAMANALYSIS_H
