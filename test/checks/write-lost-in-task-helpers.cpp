// RUN: %clang_tidy_plugin %s --checks='-*,context-write-lost-in-task' -- -std=c++20 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-write-lost-in-task' -- -std=c++20 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// Helpers that spawn their callable parameter and wait for it: a wait on
// every path that returns makes the call of the helper a wait.

#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

thread_local std::string tenant;
void use(const std::string &);
void set_tenant(const std::string &T) { tenant = T; }
void audit() { use(tenant); }

// Waits on every path, and hands back the task's result.
template <typename F> auto run_in_threadpool(F Fn) {
  auto Fut = std::async(std::launch::async, Fn);
  return Fut.get();
}

// Waits on both branches, in two ways.
template <typename F> void run_either(F Fn, bool Block) {
  std::thread T(Fn);
  if (Block) {
    T.join();
  } else {
    T.join();
    use("joined");
  }
}

// Returns early before it spawns: the paths that start the task wait.
template <typename F> void run_if(F Fn, bool Enabled) {
  if (!Enabled)
    return;
  std::thread T(Fn);
  T.join();
}

// Throws when the task is late: the throw leaves, the other paths wait.
template <typename F> void run_with_deadline(F Fn) {
  auto Fut = std::async(std::launch::async, Fn);
  if (Fut.wait_for(std::chrono::seconds(5)) != std::future_status::ready)
    throw std::runtime_error("late");
  Fut.get();
}

// A jthread joins when the helper returns.
template <typename F> void run_scoped(F Fn) { std::jthread T(Fn); }

// Positive: the helper waits on every path.
void threadpool_helper() {
  run_in_threadpool([] { tenant = "acme"; });
  use(tenant);
}

// Positive: both branches join.
void either_helper(bool B) {
  run_either([] { set_tenant("acme"); }, B);
  audit();
}

// Positive: an early return before the spawn.
void conditional_helper() {
  run_if([] { tenant = "acme"; }, true);
  use(tenant);
}

// Positive: a throw is not a way back to the caller.
void deadline_helper() {
  run_with_deadline([] { tenant = "acme"; });
  use(tenant);
}

// Positive: the jthread's destructor waits.
void scoped_helper() {
  run_scoped([] { set_tenant("acme"); });
  audit();
}

// Waits on one branch only.
template <typename F> void run_maybe(F Fn, bool Block) {
  std::thread T(Fn);
  if (Block)
    T.join();
  else
    T.detach();
}

// Returns early between the spawn and the wait.
template <typename F> void run_or_leave(F Fn, bool Busy) {
  std::thread T(Fn);
  if (Busy) {
    T.detach();
    return;
  }
  T.join();
}

// Starts the task twice, waits for one.
template <typename F> void run_twice(F Fn) {
  std::thread A(Fn);
  A.join();
  std::thread(Fn).detach();
}

// Passes the task to a helper that waits, and to one that may not.
template <typename F> void run_both(F Fn, bool B) {
  run_in_threadpool(Fn);
  run_maybe(Fn, B);
}

// Negative: the helper waits on some paths only.
void maybe_helper(bool B) {
  run_maybe([] { tenant = "acme"; }, B);
  use(tenant);
}

// Negative: an early return between the spawn and the wait.
void leave_helper(bool B) {
  run_or_leave([] { tenant = "acme"; }, B);
  use(tenant);
}

// Negative: one of the helper's tasks is not waited for.
void twice_helper() {
  run_twice([] { tenant = "acme"; });
  use(tenant);
}

// Negative: one of the helpers the task is passed to may not wait.
void both_helper(bool B) {
  run_both([] { tenant = "acme"; }, B);
  use(tenant);
}

// Negative: the read comes before the helper's call.
void read_before_helper() {
  use(tenant);
  run_in_threadpool([] { tenant = "acme"; });
}

// Negative: the task returns the value, the caller sets it.
void returned_through_helper() {
  tenant = run_in_threadpool([] { return std::string("acme"); });
  use(tenant);
}

// The findings, in the order they are reported.
// CHECK: :58:7: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :57:3: note: 'threadpool_helper' starts the task with 'run_in_threadpool' here
// CHECK: :21:14: note: 'run_in_threadpool' starts the task with 'std::async' here
// CHECK: :57:26: note: the lambda writes thread-local 'tenant' here
// CHECK: :22:14: note: 'run_in_threadpool' waits for the task with 'get' here
// CHECK: :58:7: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :64:3: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :63:3: note: 'either_helper' starts the task with 'run_either' here
// CHECK: :27:15: note: 'run_either' starts the task with 'std::thread' here
// CHECK: :63:19: note: the lambda calls 'set_tenant' here
// CHECK: :16:41: note: 'set_tenant' writes thread-local 'tenant' here
// CHECK: :29:7: note: 'run_either' waits for the task with 'join' here
// CHECK: :64:3: note: 'either_helper' calls 'audit' here
// CHECK: :17:20: note: 'audit' reads thread-local 'tenant' here
// CHECK: :64:3: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :70:7: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :69:3: note: 'conditional_helper' starts the task with 'run_if' here
// CHECK: :40:15: note: 'run_if' starts the task with 'std::thread' here
// CHECK: :69:15: note: the lambda writes thread-local 'tenant' here
// CHECK: :41:5: note: 'run_if' waits for the task with 'join' here
// CHECK: :70:7: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :76:7: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :75:3: note: 'deadline_helper' starts the task with 'run_with_deadline' here
// CHECK: :46:14: note: 'run_with_deadline' starts the task with 'std::async' here
// CHECK: :75:26: note: the lambda writes thread-local 'tenant' here
// CHECK: :47:11: note: 'run_with_deadline' waits for the task with 'wait_for' here
// CHECK: :76:7: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :82:3: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :81:3: note: 'scoped_helper' starts the task with 'run_scoped' here
// CHECK: :53:60: note: 'run_scoped' starts the task with 'std::jthread' here
// CHECK: :81:19: note: the lambda calls 'set_tenant' here
// CHECK: :16:41: note: 'set_tenant' writes thread-local 'tenant' here
// CHECK: :53:67: note: 'run_scoped' waits for the task with '~jthread' here
// CHECK: :82:3: note: 'scoped_helper' calls 'audit' here
// CHECK: :17:20: note: 'audit' reads thread-local 'tenant' here
// CHECK: :82:3: note: return the value from the task and set it on this thread, or pass it back explicitly
