// RUN: %clang_tidy_plugin %s --checks='-*,context-leaked-from-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-leaked-from-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// The pool heuristic turned off: 'WorkerPool::submit' is no longer a reused
// worker, and nothing is reported.
// RUN: %ctxloss_tidy %s --checks='-*,context-leaked-from-task' \
// RUN:   --config="{CheckOptions: {context-leaked-from-task.PoolLikeClasses: ''}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include | count 0

// Thread-locals, accessors and keys set by a task on a pool of the program
// (found by the pool heuristic) and left set on some path out of it: the
// end of the task, an early return, a throw.

#include <ctxloss/context.h>
#include <functional>
#include <pthread.h>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

class WorkerPool {
public:
  void submit(std::function<void()> Task);
};

thread_local std::string tenant;
thread_local int request_id = 0;
pthread_key_t trace_key;

void log_line(const char *) {
  (void)tenant.size();
  (void)request_id;
  (void)pthread_getspecific(trace_key);
}
void work(int) {}

std::string &current_tenant() { return tenant; }
void set_tenant(const std::string &T) { tenant = T; }
void clear_tenant() { tenant.clear(); }

void leaks_at_end(WorkerPool &Pool, std::string T) {
  Pool.submit([T] {
    tenant = T;
    log_line("job");
  });
  // CHECK: :[[@LINE-4]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-4]]:5: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:3: note: the lambda ends here without restoring it
}

void leaks_on_early_return(WorkerPool &Pool, std::string T, bool Skip) {
  Pool.submit([T, Skip] {
    std::string Saved = tenant;
    tenant = T;
    if (Skip)
      return;
    log_line("job");
    tenant = Saved;
  });
  // CHECK: :[[@LINE-8]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-7]]:5: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-6]]:7: note: the lambda returns here without restoring it
  // CHECK: :[[@LINE-9]]:5: note: no fix: the task writes the context more than once
}

void leaks_on_throw(WorkerPool &Pool, int Id) {
  Pool.submit([Id] {
    int Saved = request_id;
    request_id = Id;
    if (Id < 0)
      throw std::runtime_error("bad id");
    log_line("job");
    request_id = Saved;
  });
  // CHECK: :[[@LINE-8]]:3: warning: thread-local 'request_id' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-7]]:5: note: the lambda sets thread-local 'request_id' here
  // CHECK: :[[@LINE-6]]:7: note: the lambda throws here without restoring it
  // CHECK: :[[@LINE-9]]:5: note: no fix: the task writes the context more than once
}

// Set through a setter, two calls down.
void start_request(const std::string &T) { set_tenant(T); }
void leaks_through_calls(WorkerPool &Pool, std::string T) {
  Pool.submit([T] { start_request(T); log_line("job"); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:21: note: the lambda calls 'start_request' here
  // CHECK: :[[@LINE-5]]:44: note: 'start_request' calls 'set_tenant' here
  // CHECK: :41:41: note: 'set_tenant' sets thread-local 'tenant' here
  // CHECK: :[[@LINE-5]]:56: note: the lambda ends here without restoring it
  // CHECK: :41:41: note: no fix: the context is set in 'set_tenant', which the task calls; a scope object there would end with the call
}

// Set through an accessor that hands out the thread-local.
void leaks_through_accessor(WorkerPool &Pool, std::string T) {
  Pool.submit([T] { current_tenant() = T; log_line("job"); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:21: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:60: note: the lambda ends here without restoring it
}

// A thread-specific key.
void leaks_key(WorkerPool &Pool, void *Trace) {
  Pool.submit([Trace] { pthread_setspecific(trace_key, Trace); log_line("job"); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-specific data of key 'trace_key' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:25: note: the lambda sets thread-specific data of key 'trace_key' here
  // CHECK: :[[@LINE-3]]:81: note: the lambda ends here without restoring it
  // CHECK: :[[@LINE-4]]:25: note: no fix: no scope object is known for thread-specific data of key 'trace_key'
}

// A task function rather than a lambda.
void job_with_tenant() { tenant = "batch"; log_line("job"); }
void leaks_from_function(WorkerPool &Pool) { Pool.submit(job_with_tenant); }
// CHECK: :[[@LINE-1]]:46: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
// CHECK: :[[@LINE-3]]:26: note: 'job_with_tenant' sets thread-local 'tenant' here
// CHECK: :[[@LINE-4]]:61: note: 'job_with_tenant' ends here without restoring it

// Not a bug: a fresh thread's context dies with it.
void fresh_thread(std::string T) {
  std::thread([T] { tenant = T; log_line("job"); }).detach();
}

// Not a bug: ctxloss::scoped_value puts the worker's value back.
void scoped(WorkerPool &Pool, std::string T) {
  Pool.submit([T] {
    ctxloss::scoped_value restore_tenant(tenant, T);
    log_line("job");
  });
}

// Not a bug: the saved value is restored on every path out.
void restored_on_every_path(WorkerPool &Pool, std::string T, bool Skip) {
  Pool.submit([T, Skip] {
    std::string Saved = tenant;
    tenant = T;
    if (Skip) {
      tenant = Saved;
      return;
    }
    log_line("job");
    tenant = Saved;
  });
}

// Not a bug: restored in the handler before the exception goes on.
void restored_in_handler(WorkerPool &Pool, int Id) {
  Pool.submit([Id] {
    int Saved = request_id;
    request_id = Id;
    try {
      work(Id);
    } catch (...) {
      request_id = Saved;
      throw;
    }
    request_id = Saved;
  });
}

// Not a bug: the setter puts the saved value back; a clearing function.
void restored_through_setter(WorkerPool &Pool, std::string T) {
  Pool.submit([T] {
    std::string Saved = current_tenant();
    set_tenant(T);
    log_line("job");
    set_tenant(Saved);
  });
  Pool.submit([T] {
    set_tenant(T);
    log_line("job");
    clear_tenant();
  });
}

// Not a bug: the key is reset to null, the worker's initial value.
void key_reset(WorkerPool &Pool, void *Trace) {
  Pool.submit([Trace] {
    pthread_setspecific(trace_key, Trace);
    log_line("job");
    pthread_setspecific(trace_key, nullptr);
  });
}

// Not a bug: the program's own scope class.
class TenantScope {
public:
  explicit TenantScope(const std::string &T) : Prev(tenant) { tenant = T; }
  ~TenantScope() { tenant = Prev; }

private:
  std::string Prev;
};
void project_scope(WorkerPool &Pool, std::string T) {
  Pool.submit([T] {
    TenantScope Scope(T);
    log_line("job");
    tenant = "override"; // Inside the scope object's lifetime.
  });
}

// Not context: a per-thread scratch buffer, counters aggregated later, a
// lazily created per-thread object.
struct Arena {
  char Bytes[64];
};
thread_local std::vector<char> scratch;
thread_local long jobs_done = 0;
thread_local Arena *arena = nullptr;
long report() { return jobs_done; }
Arena *current_arena() { return arena; }
void per_thread_caches(WorkerPool &Pool) {
  Pool.submit([] {
    scratch.resize(4096);
    scratch[0] = 1;
    ++jobs_done;
    jobs_done += 2;
    if (!arena)
      arena = new Arena;
  });
}
