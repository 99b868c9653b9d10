// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Per-thread state that each thread sets up for itself is not context, even
// when it is set in one function and read in others: a write under a test
// that the thread-local still has its initial value (a lazy initialisation,
// `if (!tl) tl = ...`) and a reset to null, zero or false do not count as
// the writes that make a thread-local context. Reduced from RocksDB 7.8.3
// (monitoring/thread_status_util.cc, thread_status_updater.cc), whose
// thread pool registers each worker thread this way: the whole-program
// driver reported the three thread-locals below at the pool's std::thread.

#include <thread>

#define UNLIKELY(x) (__builtin_expect((x), 0))

struct StatusData {
  int Type = 0;
};
struct Updater {
  void registerThread(int Type);
  void unregisterThread();
  static thread_local StatusData *status;
};
thread_local StatusData *Updater::status = nullptr;

// Lazy initialisation under a test of the variable itself.
void Updater::registerThread(int Type) {
  if (UNLIKELY(status == nullptr)) {
    status = new StatusData();
    status->Type = Type;
  }
}
// A reset to null.
void Updater::unregisterThread() {
  if (status != nullptr) {
    delete status;
    status = nullptr;
  }
}

Updater *global_updater();
thread_local Updater *updater_cache = nullptr;
thread_local bool updater_initialized = false;

// A lazy initialisation guarded by another thread-local: both are set up
// for this thread only.
bool maybe_init_updater(bool Enabled) {
  if (!updater_initialized && Enabled) {
    updater_initialized = true;
    updater_cache = global_updater();
  }
  return updater_cache != nullptr;
}
void register_thread(int Type) {
  if (maybe_init_updater(true))
    updater_cache->registerThread(Type);
}
void unregister_thread() {
  updater_initialized = false;
  if (updater_cache != nullptr) {
    updater_cache->unregisterThread();
    updater_cache = nullptr;
  }
}

void worker_main() {
  register_thread(1);
  unregister_thread();
}

void start_worker() {
  std::thread Worker(worker_main);
  Worker.detach();
}

// Context proper: set unguarded by the request handler, read by the logger.
// A reset to null elsewhere does not change that.
thread_local const char *request_id = nullptr;
const char *log_prefix() { return request_id ? request_id : "-"; }
void handle(const char *Id) {
  request_id = Id;
  std::thread Task([] { log_prefix(); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:25: note: the lambda calls 'log_prefix' here
  // CHECK: :[[@LINE-6]]:35: note: 'log_prefix' reads thread-local 'request_id' here
  Task.join();
  request_id = nullptr;
}

// A value that is set lazily in one place but also assigned outright in
// another is context.
thread_local int tenant = 0;
int current_tenant() { return tenant; }
void ensure_tenant() {
  if (tenant == 0)
    tenant = 1;
}
void set_tenant(int T) { tenant = T; }
void start_billing() {
  std::thread Billing(current_tenant);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'tenant' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-9]]:31: note: 'current_tenant' reads thread-local 'tenant' here
  Billing.join();
}
