// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Spawners found by analysis: a function that hands one of its callable
// parameters to a spawn boundary is itself a boundary for that parameter,
// and is reported where it is called. A helper that carries the context
// over is not.

#include <chrono>
#include <ctxloss/context.h>
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <utility>

thread_local std::string request_id;
void begin_request(const std::string &Id) { request_id = Id; }
void log_line() { (void)request_id.size(); }
void charge(int Order) { (void)Order, log_line(); }

// The C++ twin of asyncio.wait_for.
template <typename F>
bool run_with_timeout(F &&Fn, std::chrono::milliseconds Timeout) {
  auto Done = std::async(std::launch::async, std::forward<F>(Fn));
  return Done.wait_for(Timeout) == std::future_status::ready;
}

void timeout_helper(int Order) {
  run_with_timeout([&] { charge(Order); }, std::chrono::milliseconds(300));
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'run_with_timeout' (awaited with 'wait_for') but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :27:15: note: 'run_with_timeout' starts the task with 'std::async' here
  // CHECK: :28:15: note: the task is awaited with a timeout here
  // CHECK: :[[@LINE-4]]:26: note: the lambda calls 'charge' here
  // CHECK: :22:39: note: 'charge' calls 'log_line' here
  // CHECK: :21:25: note: 'log_line' reads thread-local 'request_id' here
  run_with_timeout(log_line, std::chrono::milliseconds(300));
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'run_with_timeout' (awaited with 'wait_for')
  // CHECK: :27:15: note: 'run_with_timeout' starts the task with 'std::async' here
  // CHECK: :28:15: note: the task is awaited with a timeout here
  // CHECK: :21:25: note: 'log_line' reads thread-local 'request_id' here
}

// Three levels of helpers, the last through std::function.
void run_detached(std::function<void()> Task) {
  std::thread(std::move(Task)).detach();
}
template <typename F> void run_soon(F Task) { run_detached(std::move(Task)); }
template <typename F> void run_later(F &&Task) {
  run_soon(std::forward<F>(Task));
}

void nested_helpers() {
  run_later([] { log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'run_later'
  // CHECK: :[[@LINE-6]]:3: note: 'run_later' passes the task to 'run_soon' here
  // CHECK: :[[@LINE-9]]:47: note: 'run_soon' passes the task to 'run_detached' here
  // CHECK: :[[@LINE-12]]:3: note: 'run_detached' starts the task with 'std::thread' here
  // CHECK: :[[@LINE-5]]:18: note: the lambda calls 'log_line' here
  // CHECK: :21:25: note: 'log_line' reads thread-local 'request_id' here
  run_detached(log_line);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'run_detached'
  // CHECK: :[[@LINE-17]]:3: note: 'run_detached' starts the task with 'std::thread' here
  // CHECK: :21:25: note: 'log_line' reads thread-local 'request_id' here
}

// A helper that spawns a lambda calling the parameter.
template <typename F> void run_logged(F Fn) {
  std::thread([Fn] { Fn(); }).detach();
}

void wrapped_in_lambda() {
  run_logged([] { charge(7); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'run_logged'
  // CHECK: :[[@LINE-6]]:3: note: 'run_logged' starts the task with 'std::thread' here
  // CHECK: :[[@LINE-3]]:19: note: the lambda calls 'charge' here
  // CHECK: :22:39: note: 'charge' calls 'log_line' here
  // CHECK: :21:25: note: 'log_line' reads thread-local 'request_id' here
}

// A propagating helper: snapshots on the caller's thread, restores in the
// task around the call. Silent.
template <typename F> void run_with_context(F Fn) {
  std::thread([Fn, Rid = request_id] {
    ctxloss::scoped_value Restore(request_id, Rid);
    Fn();
  }).detach();
}

void propagating() { run_with_context([] { charge(8); }); }

// A helper that runs its parameter on the calling thread is not a spawn,
// but what it runs is part of any task it runs in.
template <typename F> void with_retry(F Fn) {
  for (int Attempt = 0; Attempt < 3; ++Attempt)
    Fn();
}

void synchronous_helper() {
  with_retry([] { log_line(); });
  std::thread T([] { with_retry([] { log_line(); }); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:33: note: the lambda runs the lambda through 'with_retry' here
  // CHECK: :[[@LINE-3]]:38: note: the lambda calls 'log_line' here
  // CHECK: :21:25: note: 'log_line' reads thread-local 'request_id' here
  T.join();
}
