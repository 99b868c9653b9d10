//===--- SummaryFile.h - Serialized context summaries -----------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The serialized summary of a translation unit, and of a whole program:
/// what each function does with context, keyed by USR so that summaries of
/// different translation units link. It holds only strings and numbers, so
/// it can be written to a file, cached, produced on another machine and
/// merged. A context key is a string id (`var:<USR>` for a variable,
/// `profile:<name>` for a context library) with a display string for
/// messages.
///
/// The JSON format is versioned (`"version"`); a reader rejects any other
/// version rather than guessing.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_SUMMARYFILE_H
#define CTXLOSS_ANALYSIS_SUMMARYFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace ctxloss::summary {

/// How a call names its callee when it is a virtual call of a member that
/// the calling translation unit could not resolve: this prefix, then the
/// member's id. The link resolves it to the only body the program has for
/// the member (its own or an override's), if it has one only.
inline constexpr llvm::StringLiteral VirtualCallPrefix = "virtual:";

/// The version of the format this build reads and writes.
inline constexpr int FormatVersion = 9;

/// A position as diagnostics show it: an absolute path and 1-based line and
/// column of the expansion location.
struct Location {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;

  bool operator==(const Location &O) const {
    return File == O.File && Line == O.Line && Column == O.Column;
  }
  bool operator<(const Location &O) const {
    return std::tie(File, Line, Column) < std::tie(O.File, O.Line, O.Column);
  }
  std::string str() const;
};

/// A context key: a thread-local variable or a profile's context.
struct Key {
  std::string Id;      ///< `var:<USR>` or `profile:<name>`.
  std::string Name;    ///< Qualified name, matched by the options.
  std::string Display; ///< In messages: "thread-local 'ns::id'".
  Location Declared;
  bool Annotated = false; ///< `CTXLOSS_CONTEXT`.
  /// A profile's context: always context; messages say "it".
  bool Profile = false;
  /// How to carry a profile's context over, for a note.
  std::string Advice;
};

struct Read {
  std::string Key;
  Location Loc;
  /// A write in the same function dominates the read.
  bool Restored = false;
  /// When the read is in a default argument: the function it belongs to.
  std::string DefaultArgOf;
  /// A profile's read through a call: the function called.
  std::string Through;
  /// The read is a logging call whose pattern prints the context.
  bool Logging = false;
  /// Functions defined elsewhere whose calls come first on every path to
  /// the read (in a lambda's body): a setter there restores the context.
  std::vector<std::string> After;
  /// Functions defined elsewhere whose result is written through first on
  /// every path (`theRNG() = rng;`): an accessor there restores what it
  /// hands out.
  std::vector<std::string> AfterWrites;
  /// The function's spawns (indices into Function::Spawns) waited for on
  /// every path to the read.
  std::vector<unsigned> AfterJoins;
  /// The function's callable arguments (indices into
  /// Function::CallableArgs) whose call comes first on every path to the
  /// read: when the callee waits for the task it spawns, so has the read.
  std::vector<unsigned> AfterArgs;
};

struct Call {
  std::string Callee; ///< Function id.
  Location Loc;
  /// The function the callable is run through (`std::for_each`), qualified.
  std::string Through;
  /// Keys that a write in the caller restores before the call.
  std::vector<std::string> Restored;
  /// As Read::After and Read::AfterWrites.
  std::vector<std::string> After;
  std::vector<std::string> AfterWrites;
  /// The call's result, a reference or pointer, is written through
  /// (`Acc() = v`, `Acc().seed(s)`, `*Ptr() = v`): a call of an accessor
  /// defined elsewhere is then a write of what it hands out, not a read.
  bool WritesResult = false;
  /// The call's result is only kept aside (`auto *saved = get_ptd();`):
  /// in a function that writes the context, not a use of it.
  bool Saved = false;
  /// As Read::AfterJoins and Read::AfterArgs.
  std::vector<unsigned> AfterJoins;
  std::vector<unsigned> AfterArgs;
  /// For a call to a function defined elsewhere: the keys whose captured
  /// snapshot it is handed (`begin_request(rid)` in
  /// `[rid = request_id] {...}`). If the program has no summary of the
  /// callee, it is assumed to restore them (ExternalRestores.h).
  std::vector<std::string> Snapshots;
  /// Keys the caller takes back on every path after the call, as its
  /// translation unit sees (a restore follows, or the call restores): a
  /// task's write through this call does not outlive the caller.
  std::vector<std::string> TakenBack;
};

struct Wait {
  /// `wait_for` or `wait_until`; for a join, how the task is waited for
  /// (`join`, `get`, `~jthread`, ...).
  std::string Method;
  Location Loc;
};

/// A task kept in a member of the spawning function's object for a worker
/// found by analysis (SpawnSite::StoredIn, StoredTasks.h).
struct StoredTask {
  std::string Member; ///< The member it is stored in.
  std::string Worker; ///< The function that runs what the member holds.
  Location Start;     ///< The spawn that starts the worker's thread.
};

/// The local holder a task travelled in before its spawn (a
/// `std::packaged_task`, `std::function` or `std::bind` result variable:
/// ResolvedTask::Holder).
struct Holder {
  std::string Name;
  Location Loc; ///< Its declaration.
};

struct Spawn {
  Location Loc;
  std::string Boundary;
  /// What the task runs: function ids.
  std::vector<std::string> Entries;
  /// Keys the spawn carries over itself (`copyin`).
  std::vector<std::string> Carried;
  /// The spawn carries every context over (a propagating wrapper).
  bool CarriesAll = false;
  std::optional<Wait> TimeoutWait;
  /// The task runs on a reused worker (SpawnSite::ReusedWorker).
  bool ReusedWorker = false;
  /// Where the spawning function waits for the task (`join`, `get`, ...).
  std::vector<Wait> Joins;
  /// The function the spawn calls (or the constructor), when its body may
  /// be in the program (TaskTrampolines.h): the framework's own thread
  /// entries it reaches may set keys before they call the task.
  std::string Via;
  /// With Via: the virtual members the entries override, by which such an
  /// entry calls the task (`Poco::Runnable::run`).
  std::vector<std::string> Overrides;
  std::optional<Holder> Held;
};

/// An unresolved virtual call of a task entry member (`pTarget->run()`),
/// by which a framework's own thread entry may run a spawn's task.
struct TaskCall {
  std::string Method; ///< The member called, by id.
  Location Loc;
  /// As Call::Restored, Call::After and Call::AfterWrites.
  std::vector<std::string> Restored;
  std::vector<std::string> After;
  std::vector<std::string> AfterWrites;
};

/// A write of context that outlives the function making it: not a
/// guard's, not undone by one, not a per-thread initialisation.
struct LeftWrite {
  std::string Key;
  Location Loc;
  /// A profile's setter: the function called.
  std::string Through;
};

/// A call of Setter (empty: the set point's own write) with a value saved
/// from a call of Getter (`prev = GetX(); ...; SetX(prev)`): a restore of
/// the keys Setter writes and Getter reads, which only the program can
/// tell when one of them is defined in another file.
struct SavedRestore {
  std::string Setter;
  std::string Getter;
};

/// A way a function leaves a context set on some path out of it
/// (`context-leaked-from-task`): a write of its own, or a call to a function
/// that leaves the context set, after which a path reaches the exit without
/// a restore.
struct Leave {
  std::string Key;
  Location Set; ///< The write, or the call.
  /// When the set point is a call: the callee's id. The function leaves the
  /// context set only if the callee does.
  std::string Via;
  Location Exit; ///< The return or throw; the end of the body otherwise.
  /// `return`, `throw`, `end`, or `call` (a call that may throw).
  std::string ExitKind;
  /// Functions defined elsewhere called after Set before a restore: the
  /// leave does not count when one of them undoes the key.
  std::vector<std::string> Unless;
  /// Restores of a saved value after Set (or Set itself, when it sets a
  /// saved value): the leave does not count when one of them restores the
  /// key (the branch of `if (prev != v)` where the saved value is the value
  /// set is one, with Set's callee as the setter).
  std::vector<SavedRestore> UnlessRestores;
  /// Set writes a field of the per-thread object, not the whole of it
  /// (OverwrittenLeaks.h); only for a write of the function's own.
  bool Field = false;
};

/// A callable passed as an argument: run through the callee or spawned by
/// it, depending on what the program says the callee does with the
/// parameter.
struct CallableArg {
  std::string Callee;
  std::string CalleeName; ///< Qualified, as a spawn boundary is named.
  Location CallLoc;       ///< Start of the call.
  Location ArgLoc;        ///< Start of the argument.
  unsigned Param = 0;
  std::vector<std::string> Entries;
  std::vector<std::string> Restored;
  std::optional<Holder> Held;
};

/// The function hands its parameter Param to a spawn itself.
struct ParamSpawn {
  unsigned Param = 0;
  Location Loc;
  std::string Boundary;
  std::optional<Wait> TimeoutWait;
  /// Keys the spawned wrapper lambda restores before calling the
  /// parameter, or the spawn carries over.
  std::vector<std::string> Restored;
  bool CarriesAll = false;
  /// The function waits for the task before it returns, on every path
  /// that returns normally (SpawnSite::WaitedOnEveryPath), and its first
  /// wait: a call of the function returns once the task has ended.
  std::optional<Wait> Waits;
  /// The task runs on a reused worker (SpawnSite::ReusedWorker): what it
  /// leaves set, the worker's next task inherits.
  bool ReusedWorker = false;
  /// The spawn stores the task for a worker (StoredTask).
  std::optional<StoredTask> Stored;
};

/// The function passes its parameter Param on as CalleeParam of Callee.
struct ParamForward {
  unsigned Param = 0;
  std::string Callee;
  unsigned CalleeParam = 0;
  Location Loc;
};

/// A note of a finding, worded by the translation unit that saw it.
struct Note {
  Location Loc;
  std::string Message;
};

/// What some path from a suspension reaches (`context-lost-after-suspend`):
/// a read (Read is an index into Function::Reads) or a call (Call, into
/// Function::Calls) of the coroutine.
struct Reached {
  std::optional<unsigned> Read;
  std::optional<unsigned> Call;
  /// Keys a write in this translation unit restores on every path from the
  /// suspension to the use.
  std::vector<std::string> Restored;
  /// Calls (indices into Function::Calls) to functions defined elsewhere
  /// made on every path from the suspension to the use: a setter among
  /// them, which only the program can tell, restores the context.
  std::vector<unsigned> After;
  /// The use comes first in the text: a loop reaches it again.
  bool NextIteration = false;
};

/// An awaiter's `await_suspend` passes the coroutine handle, or a callable
/// naming it, to parameter Param of Callee, defined elsewhere: the suspension
/// changes thread if the program says Callee spawns that parameter.
struct HandOffElsewhere {
  std::string Callee;
  unsigned Param = 0;
  /// The notes saying so, down to the call of Callee.
  std::vector<Note> Why;
};

/// A `co_await`/`co_yield` of a coroutine that may resume it on another
/// thread, or that would if a function defined elsewhere spawns the handle.
struct Suspension {
  Location Loc;
  /// Why it may change thread, as the check's notes word it; empty when
  /// only the program can tell (Elsewhere).
  std::vector<Note> Why;
  std::vector<HandOffElsewhere> Elsewhere;
  /// Keys the awaiter carries over itself, or a profile propagates.
  std::vector<std::string> Carried;
  std::vector<Reached> Reaches;
};

struct Function {
  std::string Id;   ///< USR, or a location-based id for lambdas and regions.
  std::string Name; ///< In messages: "'ns::f'", "the lambda".
  std::vector<Read> Reads;
  std::vector<std::string> Writes;
  std::vector<Call> Calls;
  std::vector<Spawn> Spawns;
  std::vector<CallableArg> CallableArgs;
  std::vector<unsigned> Invokes;
  std::vector<ParamSpawn> ParamSpawns;
  std::vector<ParamForward> Forwards;
  /// An accessor: the key of the storage it hands out by reference or
  /// pointer; or, when it hands out what a function defined elsewhere
  /// returns (`return getCoreTlsData().rng;`), that function's id.
  std::string Alias;
  std::string AliasVia;
  std::vector<Leave> Leaves;
  /// Keys the function only takes back (resets, unsets).
  std::vector<std::string> Undoes;
  /// The writes that outlive the function (for context-write-lost-in-task).
  std::vector<LeftWrite> LeftWritten;
  /// For a coroutine: how messages name it ("coroutine 'f'", "the lambda
  /// coroutine"), and its suspensions that may change thread.
  std::string Coroutine;
  std::vector<Suspension> Suspensions;
  std::vector<TaskCall> TaskCalls;
  /// For a virtual member: the ids of the members it overrides, directly
  /// or through other overrides. A call of one of them whose body no file
  /// defines runs this function when it is the only one (Overriders.h).
  std::vector<std::string> Overrides;
};

/// A translation unit's summary, or the merge of several.
struct Summary {
  /// The main files summarised.
  std::vector<std::string> Sources;
  std::vector<Key> Keys;
  std::vector<Function> Functions;
};

llvm::json::Value toJSON(const Summary &S);
llvm::Expected<Summary> fromJSON(const llvm::json::Value &V);

/// Reads and writes summary files.
llvm::Expected<Summary> readSummary(llvm::StringRef Path);
llvm::Expected<Summary> parseSummary(llvm::StringRef Text);
llvm::Error writeSummary(const Summary &S, llvm::StringRef Path);

/// Merges summaries, in order: a key or function already present is kept
/// (a function with a body in several translation units, inline in a
/// header, is the same function); an annotation on any declaration counts.
/// Linear in the total size.
Summary merge(std::vector<Summary> Parts);

} // namespace ctxloss::summary

#endif // CTXLOSS_ANALYSIS_SUMMARYFILE_H
