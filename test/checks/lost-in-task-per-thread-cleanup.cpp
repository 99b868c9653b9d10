// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefix=DEFAULT --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefix=DEFAULT --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.IgnoredVariables: 'logging::internal::ptd'}}" -- -std=c++17 \
// RUN:   | count 0

// Reduced from log4cplus 2.0.8 (src/threads.cxx, src/global-init.cxx,
// include/log4cplus/internal/internal.h): each thread's data (its MDC, NDC,
// thread name) hangs off the thread-local 'ptd', allocated lazily through a
// setter and freed by the thread itself on exit. The thread started by
// AbstractThread::start() calls threadCleanup() to free its own data: it
// takes the pointer aside and then resets 'ptd' through the setter. Keeping
// the value aside in a function that then writes the variable saves it; it is
// not a use of context, so that thread is not reported (it once was, and
// IgnoredVariables was the way out). A thread that really reads the data
// through the getter is.

#include <thread>

namespace logging::internal {
struct per_thread_data {
  int mdc = 0;
};
extern thread_local per_thread_data *ptd;
thread_local per_thread_data *ptd = nullptr;
inline void set_ptd(per_thread_data *P) { ptd = P; }
per_thread_data *alloc_ptd() {
  auto *Tmp = new per_thread_data;
  set_ptd(Tmp);
  return Tmp;
}
inline per_thread_data *get_ptd(bool Alloc = true) {
  if (!ptd && Alloc)
    return alloc_ptd();
  return ptd;
}
} // namespace logging::internal

namespace logging {
void threadCleanup() {
  internal::per_thread_data *Data = internal::get_ptd(false);
  delete Data;
  internal::set_ptd(nullptr);
}

struct AbstractThread {
  void run() {}
  void start() {
    Thread = new std::thread([this] {
      run();
      threadCleanup();
    });
  }
  std::thread *Thread = nullptr;
};

int mdcOf() { return internal::get_ptd()->mdc; }
void startReader() {
  std::thread T([] { mdcOf(); });
  T.join();
}
// DEFAULT: :[[@LINE-3]]:15: warning: thread-local 'logging::internal::ptd' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// DEFAULT: :[[@LINE-4]]:22: note: the lambda calls 'logging::mdcOf' here
// DEFAULT: :[[@LINE-7]]:32: note: 'logging::mdcOf' calls 'logging::internal::get_ptd' here
// DEFAULT: :[[@LINE-30]]:10: note: 'logging::internal::get_ptd' reads thread-local 'logging::internal::ptd' here
} // namespace logging
