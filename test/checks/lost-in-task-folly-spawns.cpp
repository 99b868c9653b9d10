// RUN: sed -e 's,// [A-Z-]*:.*,,' %s > %t.cpp
// RUN: %clang_tidy_plugin %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -isystem %inputs/declared \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -isystem %inputs/declared \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// folly's `via(executor, f)` and FunctionScheduler run a function on
// another thread: a thread-local is lost there (folly carries only its own
// RequestContext, see profile-folly.cpp).

#include "folly/experimental/FunctionScheduler.h"
#include "folly/futures/Future.h"

thread_local int tenant = 0;

void enter(int T) { tenant = T; }
int current_tenant() { return tenant; }
void report() { (void)current_tenant(); }
void nothing() {}

void spawns(folly::Executor *Exec, folly::FunctionScheduler &Scheduler) {
  folly::via(Exec, [] { return current_tenant(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'folly::via' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:32: note: the lambda calls 'current_tenant' here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  Scheduler.addFunction(report, std::chrono::milliseconds(100), "report");
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'folly::FunctionScheduler::addFunction'
  // CHECK: :18:23: note: 'report' calls 'current_tenant' here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
}

// Negatives: functions that do not read the context.
void negatives(folly::Executor *Exec, folly::FunctionScheduler &Scheduler) {
  folly::via(Exec, [] { return 0; });
  Scheduler.addFunction(nothing, std::chrono::milliseconds(100));
}

int main() {
  enter(1);
  folly::FunctionScheduler Scheduler;
  spawns(nullptr, Scheduler);
  negatives(nullptr, Scheduler);
}
