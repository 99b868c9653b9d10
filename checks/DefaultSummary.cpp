//===--- DefaultSummary.cpp - ctxloss -------------------------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/DefaultSummary.h"
#include "checks/analysis/SummaryFile.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include <atomic>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <mutex>
#include <optional>
#include <thread>

namespace ctxloss {

static std::atomic<DefaultSummaryProvider *> Provider{nullptr};

void setDefaultSummaryProvider(DefaultSummaryProvider *P) { Provider = P; }

DefaultSummaryProvider *getDefaultSummaryProvider() { return Provider; }

void lowerThreadPriority() {
  // A nice value for this thread alone (Linux): unlike SCHED_IDLE, it
  // still runs on a busy machine, after the parses.
#ifdef __linux__
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
}

namespace {
struct Loaded {
  /// The version loaded (or being loaded) last, and what it gave.
  std::optional<llvm::sys::TimePoint<>> Modified;
  bool Loading = false;
  std::shared_ptr<const ProgramReaders> Readers;
  /// The options the checks asked with last, for preloading.
  std::optional<ContextOptions> Options;
};
// Never destroyed: loading threads may run past main's return.
std::mutex &Lock = *new std::mutex;
llvm::StringMap<Loaded> &Cache = *new llvm::StringMap<Loaded>;
} // namespace

static std::shared_ptr<const ProgramReaders> load(const std::string &Path,
                                                  const ContextOptions &Options,
                                                  DefaultSummaryProvider &P) {
  llvm::Expected<summary::Summary> Program = summary::readSummary(Path);
  if (!Program) {
    llvm::consumeError(Program.takeError());
    P.unreadable(Path);
    return nullptr;
  }
  return std::make_shared<const ProgramReaders>(findProgramReaders(
      *Program,
      [&](const summary::Key &) -> const ContextOptions & { return Options; }));
}

std::shared_ptr<const ProgramReaders>
loadDefaultSummary(llvm::StringRef Path, const ContextOptions &Options,
                   DefaultSummaryProvider &P) {
  std::unique_lock Guard(Lock);
  Loaded &Entry = Cache[Path];
  Entry.Options = Options;
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status) || !llvm::sys::fs::exists(Status))
    return nullptr;
  llvm::sys::TimePoint<> Modified = Status.getLastModificationTime();
  if (Entry.Modified == Modified && (Entry.Readers || Entry.Loading))
    return Entry.Readers;
  Entry.Modified = Modified;
  if (P.mayWait()) {
    Guard.unlock();
    std::shared_ptr<const ProgramReaders> Readers =
        load(Path.str(), Options, P);
    Guard.lock();
    Cache[Path].Readers = Readers;
    return Readers;
  }
  // Meanwhile, the version before (if any) serves.
  Entry.Loading = true;
  std::thread([Path = Path.str(), Options, Modified, &P] {
    lowerThreadPriority();
    std::shared_ptr<const ProgramReaders> Readers = load(Path, Options, P);
    std::scoped_lock Guard(Lock);
    Loaded &Entry = Cache[Path];
    if (Entry.Modified != Modified)
      return; // A newer version is on its way.
    Entry.Loading = false;
    if (Readers)
      Entry.Readers = std::move(Readers);
  }).detach();
  return Entry.Readers;
}

void preloadDefaultSummary(llvm::StringRef Path, DefaultSummaryProvider &P) {
  std::unique_lock Guard(Lock);
  auto It = Cache.find(Path);
  llvm::sys::fs::file_status Status;
  if (It == Cache.end() || llvm::sys::fs::status(Path, Status) ||
      !llvm::sys::fs::exists(Status))
    return;
  std::optional<ContextOptions> Asked = It->second.Options;
  if (!Asked)
    return;
  llvm::sys::TimePoint<> Modified = Status.getLastModificationTime();
  if (It->second.Modified == Modified)
    return;
  It->second.Modified = Modified;
  It->second.Loading = true;
  ContextOptions Options = *Asked;
  Guard.unlock();
  std::shared_ptr<const ProgramReaders> Readers = load(Path.str(), Options, P);
  Guard.lock();
  Loaded &Entry = Cache[Path];
  if (Entry.Modified != Modified)
    return;
  Entry.Loading = false;
  if (Readers)
    Entry.Readers = std::move(Readers);
}

} // namespace ctxloss
