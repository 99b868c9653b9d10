// RUN: %clang_tidy_plugin %s --checks='-*,context-leaked-from-task' -- -std=c++17 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-leaked-from-task' -- -std=c++17 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// A field of a per-thread object that every task of a pool sets first
// thing, before any read of the object, and that one of them reads after
// setting it: what one task leaves is overwritten by the next before any
// task of that worker reads it. Not reported. The pools are told apart by
// their boundary ('StatsPool::submit', 'MixedPool::submit', ...); the tasks
// are those of this translation unit.

#include <functional>
#include <string>

class StatsPool {
public:
  void submit(std::function<void()> Task);
  void schedule(void (*Fn)(void *), void *Arg);
};
class StampPool {
public:
  void submit(std::function<void()> Task);
};
class MixedPool {
public:
  void submit(std::function<void()> Task);
};
class QuietPool {
public:
  void submit(std::function<void()> Task);
};
class TenantPool {
public:
  void submit(std::function<void()> Task);
};

// RocksDB's shape (`IOSTATS_SET_THREAD_POOL_ID`, `IOSTATS_ADD`): a
// thread_local struct of per-thread I/O figures whose pool id each
// background job stamps at its top with a macro, before the writes it
// makes count bytes into the same struct.
struct IOStats {
  unsigned long bytes_written = 0;
  int thread_pool_id = 0;
  bool disable_iostats = false;
};
thread_local IOStats iostats;
#define IOSTATS_SET_THREAD_POOL_ID(value) (iostats.thread_pool_id = value)
#define IOSTATS_ADD(metric, value)                                             \
  if (!iostats.disable_iostats) {                                              \
    iostats.metric += value;                                                   \
  }
#define IOSTATS(metric) (iostats.metric)

void write_block(unsigned long Size) { IOSTATS_ADD(bytes_written, Size); }
unsigned long bytes_so_far() { return IOSTATS(bytes_written); }
void may_throw(int Step) {
  if (Step < 0)
    throw Step;
}

void bg_flush(void *Arg) {
  int Priority = *static_cast<int *>(Arg);
  IOSTATS_SET_THREAD_POOL_ID(Priority);
  may_throw(Priority);
  write_block(4096);
}
void bg_compaction(void *) {
  IOSTATS_SET_THREAD_POOL_ID(1);
  unsigned long Before = bytes_so_far();
  write_block(8192);
  (void)(bytes_so_far() - Before);
}
void bg_purge(void *) { IOSTATS_SET_THREAD_POOL_ID(2); }

void schedule_background(StatsPool &Pool, int *Priority) {
  Pool.schedule(&bg_flush, Priority);
  Pool.schedule(&bg_compaction, nullptr);
  Pool.schedule(&bg_purge, nullptr);
  Pool.submit([] {
    IOSTATS_SET_THREAD_POOL_ID(3);
    write_block(1);
    (void)bytes_so_far();
  });
}

// The same rule without a macro: every task on the pool sets the field at
// its entry, and one reads it after.
struct Job {
  int id = 0;
  std::string user;
};
thread_local Job current_job;
void log_job() { (void)current_job.id; }

void stamped(StampPool &Pool) {
  Pool.submit([] {
    current_job.id = 1;
    log_job();
  });
  Pool.submit([] { current_job.id = 2; });
}

// A second task on the pool reads the job without setting it: it sees
// what the last task left. Reported.
void mixed(MixedPool &Pool) {
  Pool.submit([] {
    current_job.id = 3;
    log_job();
  });
  // CHECK: :[[@LINE-4]]:3: warning: thread-local 'current_job' is left set by a task started by 'MixedPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-4]]:5: note: the lambda sets thread-local 'current_job' here
  // CHECK: :[[@LINE-3]]:3: note: the lambda ends here without restoring it
  Pool.submit([] { log_job(); });
}

// No task on the pool reads the job: no evidence that each task sets it
// itself. Reported.
void quiet(QuietPool &Pool) {
  Pool.submit([] { current_job.id = 4; });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'current_job' is left set by a task started by 'QuietPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:20: note: the lambda sets thread-local 'current_job' here
  // CHECK: :[[@LINE-3]]:40: note: the lambda ends here without restoring it
  Pool.submit([] { current_job.user = "batch"; });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'current_job' is left set by a task started by 'QuietPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:20: note: the lambda sets thread-local 'current_job' here
  // CHECK: :[[@LINE-3]]:48: note: the lambda ends here without restoring it
}

// A task that replaces the context as a whole carries a request's context
// over by hand: what it leaves is that request's on a worker that also
// runs code not seen here. Reported, though every task on the pool sets it
// before reading it.
thread_local std::string tenant;
void log_tenant() { (void)tenant.size(); }
void whole_value(TenantPool &Pool, std::string T) {
  Pool.submit([T] {
    tenant = T;
    log_tenant();
  });
  // CHECK: :[[@LINE-4]]:3: warning: thread-local 'tenant' is left set by a task started by 'TenantPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-4]]:5: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:3: note: the lambda ends here without restoring it
}
