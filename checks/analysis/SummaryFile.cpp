//===--- SummaryFile.cpp - Serialized context summaries -------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/SummaryFile.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <tuple>

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::ObjectMapper;
using llvm::json::Path;
using llvm::json::Value;

namespace ctxloss::summary {

std::string Location::str() const {
  return File + ":" + std::to_string(Line) + ":" + std::to_string(Column);
}

// Writing. Empty lists and strings are left out to keep files small.

static Value toJSON(const Location &L) {
  return Object{{"file", L.File}, {"line", L.Line}, {"col", L.Column}};
}

static Value toJSON(const std::string &S);
static Value toJSON(unsigned N);
static Value toJSON(const Key &K);
static Value toJSON(const Read &R);
static Value toJSON(const Call &C);
static Value toJSON(const Spawn &S);
static Value toJSON(const CallableArg &A);
static Value toJSON(const ParamSpawn &P);
static Value toJSON(const ParamForward &F);
static Value toJSON(const Function &F);
static Value toJSON(const Wait &W);
static Value toJSON(const StoredTask &T);
static Value toJSON(const LeftWrite &W);
static Value toJSON(const SavedRestore &R);
static Value toJSON(const Note &N);
static Value toJSON(const Reached &R);
static Value toJSON(const HandOffElsewhere &H);
static Value toJSON(const Suspension &S);
static Value toJSON(const TaskCall &C);
static Value toJSON(const Holder &H);

template <typename T> static Value toArray(const std::vector<T> &List) {
  Array A;
  for (const T &Item : List)
    A.push_back(toJSON(Item));
  return A;
}

static Value toJSON(const std::string &S) { return S; }
static Value toJSON(unsigned N) { return N; }

static void putList(Object &O, llvm::StringRef Name, Value List) {
  if (!List.getAsArray()->empty())
    O[Name] = std::move(List);
}

static void putString(Object &O, llvm::StringRef Name, const std::string &S) {
  if (!S.empty())
    O[Name] = S;
}

static void putWait(Object &O, const std::optional<Wait> &W) {
  if (W)
    O["wait"] = Object{{"method", W->Method}, {"loc", toJSON(W->Loc)}};
}

static Value toJSON(const Wait &W) {
  return Object{{"method", W.Method}, {"loc", toJSON(W.Loc)}};
}

static Value toJSON(const StoredTask &T) {
  return Object{
      {"member", T.Member}, {"worker", T.Worker}, {"start", toJSON(T.Start)}};
}

static Value toJSON(const LeftWrite &W) {
  Object O{{"key", W.Key}, {"loc", toJSON(W.Loc)}};
  putString(O, "through", W.Through);
  return O;
}

static Value toJSON(const Note &N) {
  return Object{{"loc", toJSON(N.Loc)}, {"message", N.Message}};
}

static Value toJSON(const Reached &R) {
  Object O;
  if (R.Read)
    O["read"] = *R.Read;
  if (R.Call)
    O["call"] = *R.Call;
  putList(O, "restored", toArray(R.Restored));
  putList(O, "after", toArray(R.After));
  if (R.NextIteration)
    O["next_iteration"] = true;
  return O;
}

static Value toJSON(const HandOffElsewhere &H) {
  return Object{
      {"callee", H.Callee}, {"param", H.Param}, {"why", toArray(H.Why)}};
}

static Value toJSON(const Suspension &S) {
  Object O{{"loc", toJSON(S.Loc)}};
  putList(O, "why", toArray(S.Why));
  putList(O, "elsewhere", toArray(S.Elsewhere));
  putList(O, "carried", toArray(S.Carried));
  putList(O, "reaches", toArray(S.Reaches));
  return O;
}

static Value toJSON(const Key &K) {
  Object O{{"id", K.Id},
           {"name", K.Name},
           {"display", K.Display},
           {"decl", toJSON(K.Declared)}};
  if (K.Annotated)
    O["annotated"] = true;
  if (K.Profile)
    O["profile"] = true;
  putString(O, "advice", K.Advice);
  return O;
}

static Value toJSON(const Read &R) {
  Object O{{"key", R.Key}, {"loc", toJSON(R.Loc)}};
  if (R.Restored)
    O["restored"] = true;
  putString(O, "default_arg_of", R.DefaultArgOf);
  putString(O, "through", R.Through);
  if (R.Logging)
    O["logging"] = true;
  putList(O, "after", toArray(R.After));
  putList(O, "after_writes", toArray(R.AfterWrites));
  putList(O, "after_joins", toArray(R.AfterJoins));
  putList(O, "after_args", toArray(R.AfterArgs));
  return O;
}

static Value toJSON(const Call &C) {
  Object O{{"callee", C.Callee}, {"loc", toJSON(C.Loc)}};
  putString(O, "through", C.Through);
  putList(O, "restored", toArray(C.Restored));
  putList(O, "after", toArray(C.After));
  putList(O, "after_writes", toArray(C.AfterWrites));
  if (C.WritesResult)
    O["writes_result"] = true;
  if (C.Saved)
    O["saved"] = true;
  putList(O, "after_joins", toArray(C.AfterJoins));
  putList(O, "after_args", toArray(C.AfterArgs));
  putList(O, "snapshots", toArray(C.Snapshots));
  putList(O, "taken_back", toArray(C.TakenBack));
  return O;
}

static Value toJSON(const Spawn &S) {
  Object O{{"loc", toJSON(S.Loc)},
           {"boundary", S.Boundary},
           {"entries", toArray(S.Entries)}};
  putList(O, "carried", toArray(S.Carried));
  if (S.CarriesAll)
    O["carries_all"] = true;
  putWait(O, S.TimeoutWait);
  putList(O, "joins", toArray(S.Joins));
  if (S.ReusedWorker)
    O["reused_worker"] = true;
  putString(O, "via", S.Via);
  putList(O, "overrides", toArray(S.Overrides));
  if (S.Held)
    O["holder"] = toJSON(*S.Held);
  return O;
}

static Value toJSON(const Holder &H) {
  return Object{{"name", H.Name}, {"loc", toJSON(H.Loc)}};
}

static Value toJSON(const TaskCall &C) {
  Object O{{"method", C.Method}, {"loc", toJSON(C.Loc)}};
  putList(O, "restored", toArray(C.Restored));
  putList(O, "after", toArray(C.After));
  putList(O, "after_writes", toArray(C.AfterWrites));
  return O;
}

static Value toJSON(const Leave &L) {
  Object O{{"key", L.Key},
           {"set", toJSON(L.Set)},
           {"exit", toJSON(L.Exit)},
           {"exit_kind", L.ExitKind}};
  putString(O, "via", L.Via);
  putList(O, "unless", toArray(L.Unless));
  putList(O, "unless_restores", toArray(L.UnlessRestores));
  if (L.Field)
    O["field"] = true;
  return O;
}

static Value toJSON(const SavedRestore &R) {
  Object O{{"getter", R.Getter}};
  putString(O, "setter", R.Setter);
  return O;
}

static Value toJSON(const CallableArg &A) {
  Object O{{"callee", A.Callee},        {"callee_name", A.CalleeName},
           {"call", toJSON(A.CallLoc)}, {"arg", toJSON(A.ArgLoc)},
           {"param", A.Param},          {"entries", toArray(A.Entries)}};
  putList(O, "restored", toArray(A.Restored));
  if (A.Held)
    O["holder"] = toJSON(*A.Held);
  return O;
}

static Value toJSON(const ParamSpawn &P) {
  Object O{
      {"param", P.Param}, {"loc", toJSON(P.Loc)}, {"boundary", P.Boundary}};
  putWait(O, P.TimeoutWait);
  putList(O, "restored", toArray(P.Restored));
  if (P.CarriesAll)
    O["carries_all"] = true;
  if (P.Waits)
    O["waits"] = toJSON(*P.Waits);
  if (P.ReusedWorker)
    O["reused_worker"] = true;
  if (P.Stored)
    O["stored"] = toJSON(*P.Stored);
  return O;
}

static Value toJSON(const ParamForward &F) {
  return Object{{"param", F.Param},
                {"callee", F.Callee},
                {"callee_param", F.CalleeParam},
                {"loc", toJSON(F.Loc)}};
}

static Value toJSON(const Function &F) {
  Object O{{"id", F.Id}, {"name", F.Name}};
  putString(O, "alias", F.Alias);
  putString(O, "alias_via", F.AliasVia);
  putList(O, "reads", toArray(F.Reads));
  putList(O, "writes", toArray(F.Writes));
  putList(O, "calls", toArray(F.Calls));
  putList(O, "spawns", toArray(F.Spawns));
  putList(O, "callable_args", toArray(F.CallableArgs));
  putList(O, "invokes", toArray(F.Invokes));
  putList(O, "param_spawns", toArray(F.ParamSpawns));
  putList(O, "forwards", toArray(F.Forwards));
  putList(O, "leaves", toArray(F.Leaves));
  putList(O, "undoes", toArray(F.Undoes));
  putList(O, "left_written", toArray(F.LeftWritten));
  putString(O, "coroutine", F.Coroutine);
  putList(O, "suspensions", toArray(F.Suspensions));
  putList(O, "task_calls", toArray(F.TaskCalls));
  putList(O, "overrides", toArray(F.Overrides));
  return O;
}

llvm::json::Value toJSON(const Summary &S) {
  return Object{{"format", "ctxloss-summary"},
                {"version", FormatVersion},
                {"sources", toArray(S.Sources)},
                {"keys", toArray(S.Keys)},
                {"functions", toArray(S.Functions)}};
}

// Reading. Absent lists and strings read as empty.

static bool fromJSON(const Value &V, Location &L, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("file", L.File) && O.map("line", L.Line) &&
         O.map("col", L.Column);
}

static bool fromJSON(const Value &V, Wait &W, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("method", W.Method) && O.map("loc", W.Loc);
}

static bool fromJSON(const Value &V, StoredTask &T, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("member", T.Member) && O.map("worker", T.Worker) &&
         O.map("start", T.Start);
}

static bool fromJSON(const Value &V, LeftWrite &W, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("key", W.Key) && O.map("loc", W.Loc) &&
         O.mapOptional("through", W.Through);
}

static bool fromJSON(const Value &V, Note &N, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("loc", N.Loc) && O.map("message", N.Message);
}

static bool fromJSON(const Value &V, Reached &R, Path P) {
  ObjectMapper O(V, P);
  return O && O.mapOptional("read", R.Read) && O.mapOptional("call", R.Call) &&
         O.mapOptional("restored", R.Restored) &&
         O.mapOptional("after", R.After) &&
         O.mapOptional("next_iteration", R.NextIteration);
}

static bool fromJSON(const Value &V, HandOffElsewhere &H, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("callee", H.Callee) && O.map("param", H.Param) &&
         O.mapOptional("why", H.Why);
}

static bool fromJSON(const Value &V, Suspension &S, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("loc", S.Loc) && O.mapOptional("why", S.Why) &&
         O.mapOptional("elsewhere", S.Elsewhere) &&
         O.mapOptional("carried", S.Carried) &&
         O.mapOptional("reaches", S.Reaches);
}

static bool fromJSON(const Value &V, Key &K, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("id", K.Id) && O.map("name", K.Name) &&
         O.map("display", K.Display) && O.map("decl", K.Declared) &&
         O.mapOptional("annotated", K.Annotated) &&
         O.mapOptional("profile", K.Profile) &&
         O.mapOptional("advice", K.Advice);
}

static bool fromJSON(const Value &V, Read &R, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("key", R.Key) && O.map("loc", R.Loc) &&
         O.mapOptional("restored", R.Restored) &&
         O.mapOptional("default_arg_of", R.DefaultArgOf) &&
         O.mapOptional("through", R.Through) &&
         O.mapOptional("logging", R.Logging) &&
         O.mapOptional("after", R.After) &&
         O.mapOptional("after_writes", R.AfterWrites) &&
         O.mapOptional("after_joins", R.AfterJoins) &&
         O.mapOptional("after_args", R.AfterArgs);
}

static bool fromJSON(const Value &V, Call &C, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("callee", C.Callee) && O.map("loc", C.Loc) &&
         O.mapOptional("through", C.Through) &&
         O.mapOptional("restored", C.Restored) &&
         O.mapOptional("after", C.After) &&
         O.mapOptional("after_writes", C.AfterWrites) &&
         O.mapOptional("writes_result", C.WritesResult) &&
         O.mapOptional("saved", C.Saved) &&
         O.mapOptional("after_joins", C.AfterJoins) &&
         O.mapOptional("after_args", C.AfterArgs) &&
         O.mapOptional("snapshots", C.Snapshots) &&
         O.mapOptional("taken_back", C.TakenBack);
}

static bool fromJSON(const Value &V, Holder &H, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("name", H.Name) && O.map("loc", H.Loc);
}

static bool fromJSON(const Value &V, Spawn &S, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("loc", S.Loc) && O.map("boundary", S.Boundary) &&
         O.map("entries", S.Entries) && O.mapOptional("carried", S.Carried) &&
         O.mapOptional("carries_all", S.CarriesAll) &&
         O.mapOptional("wait", S.TimeoutWait) &&
         O.mapOptional("joins", S.Joins) &&
         O.mapOptional("reused_worker", S.ReusedWorker) &&
         O.mapOptional("via", S.Via) &&
         O.mapOptional("overrides", S.Overrides) &&
         O.mapOptional("holder", S.Held);
}

static bool fromJSON(const Value &V, TaskCall &C, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("method", C.Method) && O.map("loc", C.Loc) &&
         O.mapOptional("restored", C.Restored) &&
         O.mapOptional("after", C.After) &&
         O.mapOptional("after_writes", C.AfterWrites);
}

static bool fromJSON(const Value &V, SavedRestore &R, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("getter", R.Getter) && O.mapOptional("setter", R.Setter);
}

static bool fromJSON(const Value &V, Leave &L, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("key", L.Key) && O.map("set", L.Set) &&
         O.map("exit", L.Exit) && O.map("exit_kind", L.ExitKind) &&
         O.mapOptional("via", L.Via) && O.mapOptional("unless", L.Unless) &&
         O.mapOptional("unless_restores", L.UnlessRestores) &&
         O.mapOptional("field", L.Field);
}

static bool fromJSON(const Value &V, CallableArg &A, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("callee", A.Callee) && O.map("callee_name", A.CalleeName) &&
         O.map("call", A.CallLoc) && O.map("arg", A.ArgLoc) &&
         O.map("param", A.Param) && O.map("entries", A.Entries) &&
         O.mapOptional("restored", A.Restored) &&
         O.mapOptional("holder", A.Held);
}

static bool fromJSON(const Value &V, ParamSpawn &S, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("param", S.Param) && O.map("loc", S.Loc) &&
         O.map("boundary", S.Boundary) &&
         O.mapOptional("wait", S.TimeoutWait) &&
         O.mapOptional("restored", S.Restored) &&
         O.mapOptional("carries_all", S.CarriesAll) &&
         O.mapOptional("waits", S.Waits) &&
         O.mapOptional("reused_worker", S.ReusedWorker) &&
         O.mapOptional("stored", S.Stored);
}

static bool fromJSON(const Value &V, ParamForward &F, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("param", F.Param) && O.map("callee", F.Callee) &&
         O.map("callee_param", F.CalleeParam) && O.map("loc", F.Loc);
}

static bool fromJSON(const Value &V, Function &F, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("id", F.Id) && O.map("name", F.Name) &&
         O.mapOptional("reads", F.Reads) && O.mapOptional("writes", F.Writes) &&
         O.mapOptional("calls", F.Calls) && O.mapOptional("spawns", F.Spawns) &&
         O.mapOptional("callable_args", F.CallableArgs) &&
         O.mapOptional("invokes", F.Invokes) &&
         O.mapOptional("param_spawns", F.ParamSpawns) &&
         O.mapOptional("forwards", F.Forwards) &&
         O.mapOptional("alias", F.Alias) &&
         O.mapOptional("alias_via", F.AliasVia) &&
         O.mapOptional("leaves", F.Leaves) &&
         O.mapOptional("undoes", F.Undoes) &&
         O.mapOptional("left_written", F.LeftWritten) &&
         O.mapOptional("coroutine", F.Coroutine) &&
         O.mapOptional("suspensions", F.Suspensions) &&
         O.mapOptional("task_calls", F.TaskCalls) &&
         O.mapOptional("overrides", F.Overrides);
}

llvm::Expected<Summary> fromJSON(const Value &V) {
  const Object *Top = V.getAsObject();
  if (!Top || Top->getString("format") != "ctxloss-summary")
    return llvm::createStringError("not a ctxloss summary");
  std::optional<int64_t> Version = Top->getInteger("version");
  if (Version != FormatVersion)
    return llvm::createStringError(
        "summary format version %lld, this ctxloss reads version %d",
        static_cast<long long>(Version.value_or(0)), FormatVersion);
  Summary S;
  Path::Root Root("summary");
  ObjectMapper O(V, Root);
  if (!O.map("sources", S.Sources) || !O.map("keys", S.Keys) ||
      !O.map("functions", S.Functions)) {
    return llvm::createStringError("malformed summary: " +
                                   llvm::toString(Root.getError()));
  }
  return S;
}

llvm::Expected<Summary> parseSummary(llvm::StringRef Text) {
  llvm::Expected<Value> V = llvm::json::parse(Text);
  if (!V)
    return V.takeError();
  return fromJSON(*V);
}

llvm::Expected<Summary> readSummary(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read '%s': %s",
                                   Path.str().c_str(),
                                   Buffer.getError().message().c_str());
  llvm::Expected<Summary> S = parseSummary((*Buffer)->getBuffer());
  if (!S)
    return llvm::createStringError("'" + Path.str() +
                                   "': " + llvm::toString(S.takeError()));
  return S;
}

llvm::Error writeSummary(const Summary &S, llvm::StringRef Path) {
  // Written beside the target and renamed over it: a reader running in
  // parallel never sees half a file.
  llvm::SmallString<256> Temp;
  int FD = -1;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueFile(Path + ".tmp-%%%%%%%%", FD, Temp))
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << toJSON(S);
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    // Best effort: the rename's error is the one worth reporting, and a
    // stray temporary is harmless.
    std::ignore = llvm::sys::fs::remove(Temp);
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  }
  return llvm::Error::success();
}

Summary merge(std::vector<Summary> Parts) {
  Summary Out;
  llvm::StringMap<size_t> Keys;
  llvm::StringMap<bool> Functions;
  for (Summary &Part : Parts) {
    for (std::string &Source : Part.Sources)
      Out.Sources.push_back(std::move(Source));
    for (Key &K : Part.Keys) {
      auto [It, New] = Keys.try_emplace(K.Id, Out.Keys.size());
      if (New)
        Out.Keys.push_back(std::move(K));
      else
        Out.Keys[It->second].Annotated |= K.Annotated;
    }
    for (Function &F : Part.Functions)
      if (Functions.try_emplace(F.Id, true).second)
        Out.Functions.push_back(std::move(F));
  }
  return Out;
}

} // namespace ctxloss::summary
