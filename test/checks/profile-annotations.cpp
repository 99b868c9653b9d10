// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   -config="{CheckOptions: {context-lost-in-task.CaptureWrappers: 'app::with_trace', context-lost-in-task.ContextAccessors: 'app::current_locale'}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   -config="{CheckOptions: {context-lost-in-task.CaptureWrappers: 'app::with_trace', context-lost-in-task.ContextAccessors: 'app::current_locale'}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall -I%ctxloss_include %s
// (test/runtime/gcc.test compiles this file with GCC too.)

// Annotations from ctxloss/annotations.h, on declarations whose bodies this
// translation unit does not see, as in a library's header.

#include <ctxloss/annotations.h>
#include <functional>
#include <string>
#include <thread>

namespace app {
// Reads context: a library accessor.
CTXLOSS_READS_CONTEXT std::string current_user();
// Named in ContextAccessors instead.
std::string current_locale();
// Runs its argument 1 on a worker thread.
CTXLOSS_SPAWNS(1) void run_on_worker(int Priority, std::function<void()> Task);
// Carries context over: a wrapper, and an executor class.
CTXLOSS_PROPAGATES_CONTEXT std::function<void()>
carry_context(std::function<void()> Task);
std::function<void()> with_trace(std::function<void()> Task);
class CTXLOSS_PROPAGATES_CONTEXT ContextPool {
public:
  void submit(std::function<void()> Task);
};
class WorkerPool {
public:
  void submit(std::function<void()> Task);
};
// A helper that would spawn, but says it propagates.
CTXLOSS_PROPAGATES_CONTEXT inline void spawn_with_context(
    std::function<void()> Task) {
  std::thread(Task).detach();
}
} // namespace app

void audit() { (void)app::current_user().size(); }
void localize() { (void)app::current_locale().size(); }

void spawns(app::WorkerPool &Workers) {
  std::thread T(audit);
  // CHECK: :[[@LINE-1]]:15: warning: annotated context is read in a task started by 'std::thread' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :46:27: note: 'audit' reads annotated context through 'app::current_user' here
  // CHECK: :[[@LINE-3]]:15: note: to carry annotated context over, wrap the task in a function annotated 'CTXLOSS_PROPAGATES_CONTEXT', or pass what it needs as an argument
  app::run_on_worker(1, [] { localize(); });
  // CHECK: :[[@LINE-1]]:3: warning: annotated context is read in a task started by 'app::run_on_worker'
  // CHECK: :[[@LINE-2]]:30: note: the lambda calls 'localize' here
  // CHECK: :47:30: note: 'localize' reads annotated context through 'app::current_locale' here
  // CHECK: :[[@LINE-4]]:3: note: to carry annotated context over,
  Workers.submit([] { audit(); });
  // CHECK: :[[@LINE-1]]:3: warning: annotated context is read in a task started by 'app::WorkerPool::submit'
  // CHECK: :[[@LINE-2]]:23: note: the lambda calls 'audit' here
  // CHECK: :46:27: note: 'audit' reads annotated context through 'app::current_user' here
  // CHECK: :[[@LINE-4]]:3: note: to carry annotated context over,
  T.join();
}

// Carried over: silent.
void propagated(app::ContextPool &Pool, app::WorkerPool &Workers) {
  Pool.submit([] { audit(); });
  Workers.submit(app::carry_context([] { audit(); }));
  Workers.submit(app::with_trace([] { localize(); }));
  std::thread(app::carry_context(audit)).detach();
  app::spawn_with_context([] { audit(); });
  // Read on the spawning thread, passed as a value.
  std::string User = app::current_user();
  std::thread([User] { (void)User.size(); }).detach();
}
