// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// A spawn in a template is reported once per spawn site, not once per
// instantiation; a spawn written in a macro is reported where the macro is
// used; NOLINT silences a spawn site.

#include <thread>

thread_local int session = 0;
void open_session(int S) { session = S; }
int current_session() { return session; }

template <typename T> void process_async(T Item) {
  std::thread Worker([Item] { (void)Item, (void)current_session(); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'session' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:49: note: the lambda calls 'current_session' here
  // CHECK: :14:32: note: 'current_session' reads thread-local 'session' here
  Worker.join();
}

// Never instantiated: nothing to analyse.
template <typename T> void never_used(T) {
  std::thread Worker([] { current_session(); });
  Worker.join();
}

#define RUN_DETACHED(Fn) std::thread(Fn).detach()

void use_templates_and_macros() {
  process_async(1);
  process_async(2.0);
  process_async("three");
  RUN_DETACHED(current_session);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'session' is read in a task started by 'std::thread'
  // CHECK: :14:32: note: 'current_session' reads thread-local 'session' here
  std::thread(current_session).detach(); // NOLINT(context-lost-in-task)
  // NOLINTNEXTLINE(context-*)
  std::thread(current_session).detach();
}
