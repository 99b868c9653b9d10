// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefix=DEFAULT --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefix=DEFAULT --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.IgnoredVariables: 'logging::internal::ptd'}}" -- -std=c++17 \
// RUN:   | count 0

// A known false positive and the option that removes it. Reduced from
// log4cplus 2.0.8 (src/threads.cxx, src/global-init.cxx,
// include/log4cplus/internal/internal.h): each thread's data (its MDC, NDC,
// thread name) hangs off the thread-local 'ptd', allocated lazily through a
// setter and freed by the thread itself on exit. The thread started by
// AbstractThread::start() calls threadCleanup() to free its own data: the
// read is the thread's own cleanup, not lost context. The setter hides the
// lazy initialisation from the engine (it only recognises writes made under
// 'if (!tl)' in the same function), so 'ptd' is inferred to be context.
// IgnoredVariables removes it; it also removes real reads of the MDC through
// 'ptd', which a project that wants those reported must then name in
// ContextAccessors instead.

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
// DEFAULT: :[[@LINE-7]]:18: warning: thread-local 'logging::internal::ptd' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// DEFAULT: :[[@LINE-6]]:7: note: the lambda calls 'logging::threadCleanup' here
// DEFAULT: :[[@LINE-17]]:47: note: 'logging::threadCleanup' calls 'logging::internal::get_ptd' here
// DEFAULT: :[[@LINE-26]]:8: note: 'logging::internal::get_ptd' reads thread-local 'logging::internal::ptd' here
} // namespace logging
