//===--- ClangdSummary.cpp - The program summary clangd keeps -------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ClangdSummary.h"
#include "checks/DefaultSummary.h"
#include "tool/ClangdConfig.h"
#include "tool/LspInput.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>
#include <unistd.h>

namespace ctxloss {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;
using Clock = std::chrono::system_clock;
using TimePoint = llvm::sys::TimePoint<>;

/// Where the summary goes, under the project, as clangd keeps its index in
/// `.cache/clangd/`.
constexpr llvm::StringLiteral CacheDir = ".cache/ctxloss";
/// The quiet period after a change before the driver runs: the saves of
/// one editing burst make one run.
constexpr std::chrono::milliseconds Debounce(1000);
/// How often the summaries the checks used are looked at for a version
/// another process wrote (a second editor, a `ctxloss` run writing a
/// `SummaryFile`): one `stat` per summary, and a re-check of the open files
/// that use it at most this long after it lands.
constexpr std::chrono::milliseconds PollInterval(2000);

namespace {
struct Project {
  std::string Root;     ///< The directory the database belongs to.
  std::string Database; ///< The directory holding compile_commands.json.
};
} // namespace

static std::optional<TimePoint> modified(const llvm::Twine &Path) {
  fs::file_status Status;
  if (fs::status(Path, Status) || !fs::exists(Status))
    return std::nullopt;
  return Status.getLastModificationTime();
}

/// The project of \p MainFile: the nearest directory, from the file's up,
/// holding compile_commands.json itself or in its build/ (where clangd
/// looks too); or, with `--compile-commands-dir` or a `.clangd`'s
/// `CompilationDatabase:` directory, that directory (where clangd then
/// keeps its index too).
static std::optional<Project> findProject(llvm::StringRef MainFile,
                                          llvm::StringRef FixedDatabase) {
  llvm::SmallString<256> Dir(MainFile);
  if (fs::make_absolute(Dir))
    return std::nullopt;
  // A `.clangd`'s `CompilationDatabase:` overrides the command line, as in
  // clangd (ClangdConfig.h).
  std::optional<ConfiguredDatabase> Configured = configuredDatabase(Dir);
  if (Configured && Configured->K == ConfiguredDatabase::None)
    return std::nullopt;
  if (Configured && Configured->K == ConfiguredDatabase::Directory)
    FixedDatabase = Configured->Dir;
  else if (Configured)
    FixedDatabase = "";
  if (!FixedDatabase.empty()) {
    if (!fs::is_regular_file(FixedDatabase + "/compile_commands.json"))
      return std::nullopt;
    return Project{FixedDatabase.str(), FixedDatabase.str()};
  }
  path::remove_filename(Dir);
  for (llvm::StringRef D = Dir; !D.empty(); D = path::parent_path(D)) {
    llvm::SmallString<256> Candidate(D);
    path::append(Candidate, "compile_commands.json");
    if (fs::is_regular_file(Candidate))
      return Project{D.str(), D.str()};
    Candidate = D;
    path::append(Candidate, "build", "compile_commands.json");
    if (fs::is_regular_file(Candidate)) {
      path::remove_filename(Candidate);
      return Project{D.str(), Candidate.str().str()};
    }
  }
  return std::nullopt;
}

/// \p File absolute, without `.` and `..`: the same file named the same
/// way by a parse and by the editor's document list.
static std::string normalized(llvm::StringRef File) {
  llvm::SmallString<256> P(File);
  std::ignore = fs::make_absolute(P);
  path::remove_dots(P, /*remove_dot_dot=*/true);
  return P.str().str();
}

static std::string summaryPath(llvm::StringRef Root) {
  llvm::SmallString<256> P(Root);
  path::append(P, CacheDir, "program.json");
  return P.str().str();
}

/// The driver running, killed when clangd exits.
static std::atomic<llvm::sys::procid_t> Running{0};

static void killRunning() {
  if (llvm::sys::procid_t Pid = Running.exchange(0))
    ::kill(Pid, SIGTERM);
}

namespace {
class BackgroundSummary final : public DefaultSummaryProvider {
public:
  BackgroundSummary(std::string Driver, bool Refresh, std::string Database)
      : Driver(std::move(Driver)), Refresh(Refresh),
        FixedDatabase(std::move(Database)) {
    if (llvm::ErrorOr<std::string> Nice = llvm::sys::findProgramByName("nice"))
      NicePath = *Nice;
  }

  std::string summaryFor(llvm::StringRef MainFile) override {
    std::optional<Project> P = findProject(MainFile, FixedDatabase);
    if (!P)
      return "";
    std::string Summary = summaryPath(P->Root);
    std::optional<TimePoint> SummaryTime = modified(Summary);
    if (Refresh) {
      // A save makes the file newer than the summary; so does a rewritten
      // database (a file added, flags changed).
      TimePoint Newest = TimePoint::min();
      for (std::optional<TimePoint> T :
           {modified(MainFile),
            modified(P->Database + "/compile_commands.json")})
        if (T && *T > Newest)
          Newest = *T;
      if (!SummaryTime || Newest > *SummaryTime)
        schedule(*P, Newest);
    }
    return Summary;
  }

  void unreadable(llvm::StringRef Summary) override {
    // <root>/.cache/ctxloss/program.json
    llvm::StringRef Root =
        path::parent_path(path::parent_path(path::parent_path(Summary)));
    std::optional<Project> P = findProject((Root + "/-").str(), FixedDatabase);
    if (P && P->Root != Root)
      P.reset();
    std::optional<TimePoint> T = modified(Summary);
    if (Refresh && P && T)
      schedule(*P, *T);
  }

  bool mayWait() const override { return !Refresh; }

  void watch(llvm::StringRef SummaryPath, llvm::StringRef MainFile) override {
    // `--check` parses once and exits: nothing to re-check.
    if (!Refresh)
      return;
    std::string Summary = normalized(SummaryPath);
    std::scoped_lock Guard(Lock);
    auto [It, New] = Watched.try_emplace(Summary);
    // The version there now is the one this parse loads.
    if (New)
      It->second.Seen = modified(Summary);
    It->second.Files.insert(normalized(MainFile));
    startWorker();
  }

private:
  /// A summary the checks used, and the files whose parses used it.
  struct Watch {
    /// The version last loaded, or re-checked for.
    std::optional<TimePoint> Seen;
    llvm::StringSet<> Files;
  };

  struct State {
    std::string Database;
    bool Queued = false;
    Clock::time_point Due;
    /// When the last run started: it saw every change made before.
    TimePoint LastStart = TimePoint::min();
  };

  /// Queues a run for \p P unless one that saw changes up to \p Newest has
  /// started already (a run that failed is not retried until the next
  /// change).
  void schedule(const Project &P, TimePoint Newest) {
    std::scoped_lock Guard(Lock);
    State &S = Projects[P.Root];
    S.Database = P.Database;
    if (S.Queued || Newest <= S.LastStart)
      return;
    S.Queued = true;
    S.Due = Clock::now() + Debounce;
    Queue.push_back(P.Root);
    startWorker();
    Wake.notify_one();
  }

  /// Starts the one background thread, if not yet. Called with Lock held.
  void startWorker() {
    if (Worker)
      return;
    Worker.emplace([this] { work(); });
    Worker->detach();
  }

  /// Runs the queued refreshes and, between them, looks for summaries
  /// another process wrote.
  void work() {
    lowerThreadPriority();
    std::unique_lock Guard(Lock);
    while (true) {
      if (!Wake.wait_for(Guard, PollInterval, [&] { return !Queue.empty(); })) {
        pollWatched(Guard);
        continue;
      }
      std::string Root = Queue.front();
      Queue.pop_front();
      // Changes until then join this run.
      while (Clock::now() < Projects[Root].Due)
        Wake.wait_until(Guard, Projects[Root].Due);
      State &S = Projects[Root];
      S.Queued = false;
      S.LastStart = Clock::now();
      std::string Database = S.Database;
      Guard.unlock();
      run(Root, Database);
      Guard.lock();
    }
  }

  void run(llvm::StringRef Root, llvm::StringRef Database) {
    llvm::SmallString<256> DB(Database);
    path::append(DB, "compile_commands.json");
    // The database may be gone since (a clean build directory).
    if (!fs::is_regular_file(DB))
      return;
    llvm::SmallString<256> Dir(Root);
    path::append(Dir, CacheDir);
    if (fs::create_directories(Dir))
      return;
    std::string Summary = summaryPath(Root);
    auto Start = std::chrono::steady_clock::now();
    // Two editors on one project: the second waits for the first's run
    // (bounded) and uses its summary when that run saw its changes.
    llvm::SmallString<256> LockPath(Dir);
    path::append(LockPath, "refresh.lock");
    int FD = -1;
    if (fs::openFileForWrite(LockPath, FD, fs::CD_OpenAlways))
      return;
    if (fs::tryLockFile(FD)) {
      bool Locked = !fs::tryLockFile(FD, std::chrono::minutes(30));
      std::optional<TimePoint> Written = modified(Summary);
      if (!Locked || (Written && *Written >= lastStartOf(Root))) {
        if (Locked)
          std::ignore = fs::unlockFile(FD);
        std::ignore = fs::closeFile(FD);
        finish(Root, Summary, "written by another process", Start,
               /*Landed=*/Locked);
        return;
      }
    }
    std::string Tu = (Dir + "/tu").str();
    std::string Log = (Dir + "/refresh.log").str();
    std::vector<std::string> Args;
    if (!NicePath.empty())
      Args = {NicePath, "-n", "19"};
    Args.insert(Args.end(),
                {Driver, "-p", Database.str(), "--quiet", "-j", "1",
                 "--cache-dir=" + Tu, "--write-program-summary=" + Summary});
    std::vector<llvm::StringRef> Refs(Args.begin(), Args.end());
    std::optional<llvm::StringRef> Redirects[] = {
        llvm::StringRef(), llvm::StringRef(), llvm::StringRef(Log)};
    std::string Error;
    llvm::sys::ProcessInfo PI =
        llvm::sys::ExecuteNoWait(Refs.front(), Refs, std::nullopt, Redirects,
                                 /*MemoryLimit=*/0, &Error);
    if (PI.Pid > 0) {
      Running = PI.Pid;
      llvm::sys::Wait(PI, std::nullopt, &Error);
      Running = 0;
    }
    std::ignore = fs::unlockFile(FD);
    std::ignore = fs::closeFile(FD);
    std::optional<TimePoint> Written = modified(Summary);
    bool Landed = Written && *Written >= lastStartOf(Root);
    finish(Root, Summary,
           Landed ? std::string("written")
                  : "not written (see " + Log + ")" +
                        (Error.empty() ? "" : ": " + Error),
           Start, Landed);
  }

  /// Re-checks the open files whose parses used a summary that changed on
  /// disk since: written by another process, as a refresh of this one
  /// marks what it wrote seen (finish()). Called with \p Guard locked.
  void pollWatched(std::unique_lock<std::mutex> &Guard) {
    std::vector<std::pair<std::string, std::vector<std::string>>> Changed;
    for (auto &Entry : Watched) {
      std::optional<TimePoint> T = modified(Entry.getKey());
      if (!T || T == Entry.second.Seen)
        continue;
      Entry.second.Seen = T;
      std::vector<std::string> Files;
      for (const auto &F : Entry.second.Files)
        Files.push_back(F.getKey().str());
      Changed.emplace_back(Entry.getKey().str(), std::move(Files));
    }
    if (Changed.empty())
      return;
    Guard.unlock();
    for (const auto &Entry : Changed) {
      // Not a structured binding: a lambda captures it below (C++20).
      const std::string &Summary = Entry.first;
      const std::vector<std::string> &Files = Entry.second;
      // The host's summary is loaded ahead; a `SummaryFile` is loaded by
      // the parse itself (its cache compares the modification time).
      preloadDefaultSummary(Summary, *this);
      recheckOpenFiles([&](llvm::StringRef File) {
        return llvm::is_contained(Files, normalized(File));
      });
      std::string Line = llvm::formatv(
          "I[ctxloss] program summary {0} changed on disk: the open files "
          "using it are re-checked\n",
          Summary);
      std::ignore = ::write(2, Line.data(), Line.size());
    }
    Guard.lock();
  }

  /// Loads the summary for the next parse, has clangd re-check the open
  /// files of the project when a new one \p Landed (LspInput.h: clangd
  /// would wait for their next edit), then logs one line.
  void finish(llvm::StringRef Root, llvm::StringRef Summary,
              llvm::StringRef What, std::chrono::steady_clock::time_point Start,
              bool Landed) {
    preloadDefaultSummary(Summary, *this);
    {
      // Re-checked below: not a change for pollWatched().
      std::scoped_lock Guard(Lock);
      auto It = Watched.find(normalized(Summary));
      if (It != Watched.end())
        It->second.Seen = modified(Summary);
    }
    // Before the log line: whoever waits for it sees the re-check queued.
    if (Landed)
      recheckOpenFiles([&](llvm::StringRef File) {
        std::optional<Project> P = findProject(File, FixedDatabase);
        return P && P->Root == Root;
      });
    auto Seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
            .count();
    // Straight to the file descriptor: clangd buffers llvm::errs() and
    // flushes it from its own logger, on its own threads.
    std::string Line = llvm::formatv(
        "I[ctxloss] program summary of {0}: {1}, ready in {2:F1} s\n", Root,
        What, Seconds);
    std::ignore = ::write(2, Line.data(), Line.size());
  }

  TimePoint lastStartOf(llvm::StringRef Root) {
    std::scoped_lock Guard(Lock);
    return Projects[Root].LastStart;
  }

  const std::string Driver;
  const bool Refresh;
  const std::string FixedDatabase;
  std::string NicePath;
  std::mutex Lock;
  std::condition_variable Wake;
  llvm::StringMap<State> Projects;
  llvm::StringMap<Watch> Watched;
  std::deque<std::string> Queue;
  std::optional<std::thread> Worker;
};

} // namespace

void installClangdSummary(const char *Argv0, bool Refresh,
                          llvm::StringRef CompileCommandsDir) {
  std::string Exe = fs::getMainExecutable(
      Argv0, reinterpret_cast<void *>(&installClangdSummary));
  llvm::SmallString<256> Database(CompileCommandsDir);
  if (!Database.empty())
    std::ignore = fs::make_absolute(Database);
  llvm::SmallString<256> Driver(path::parent_path(Exe));
  path::append(Driver, "ctxloss");
  // Never freed: the worker thread may outlive main's return.
  static auto *Instance =
      new BackgroundSummary(Driver.str().str(), Refresh, Database.str().str());
  setDefaultSummaryProvider(Instance);
  std::atexit(killRunning);
}

} // namespace ctxloss
