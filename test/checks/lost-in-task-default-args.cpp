// RUN: sed -e 's,// [A-Z-]*:.*,,' %s > %t.cpp
// RUN: %clang_tidy_plugin %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// A default argument is evaluated by the caller, at the call: a task that
// calls `log_with(...)` without the argument reads the context there. This
// is also the shape the explicit-parameter fix leaves for callers off the
// task's path, so the check must keep seeing through it.

#include <ctxloss/context.h>
#include <string>
#include <thread>

thread_local std::string request_id;
void begin(const std::string &Id) { request_id = Id; }
void log_with(const char *Msg, const std::string &Id = request_id) {
  (void)Msg, (void)Id;
}

void handle() { log_with("handled"); }

void spawns() {
  std::thread A([] { log_with("direct"); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:22: note: the lambda reads thread-local 'request_id' here, in the default argument of 'log_with'
  std::thread B(handle);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :22:17: note: 'handle' reads thread-local 'request_id' here, in the default argument of 'log_with'
  // Passing the argument reads nothing there.
  std::thread C([Id = request_id] { log_with("explicit", Id); });
  // Restored before the call: the default argument reads the restored value.
  std::thread D([Id = request_id] {
    ctxloss::scoped_value Restore(request_id, Id);
    log_with("restored");
  });
  A.join();
  B.join();
  C.join();
  D.join();
}
