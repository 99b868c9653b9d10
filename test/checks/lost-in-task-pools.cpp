// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%S/Inputs/BS -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK,HEURISTIC --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%S/Inputs/BS -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK,HEURISTIC --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// The pool heuristic turned off: only the libraries known by name remain.
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.PoolLikeClasses: ''}}" \
// RUN:   -- -std=c++17 -I%S/Inputs/BS -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// Narrower heuristic: only classes named '*Executor', only 'execute'.
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.PoolLikeClasses: '.*executor', context-lost-in-task.PoolLikeMethods: 'execute'}}" \
// RUN:   -- -std=c++17 -I%S/Inputs/BS -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK,NARROW --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Thread pools: BS::thread_pool (declared API surface), Debian's
// libthread-pool-dev (real header), and pool-like classes of the program.

#include <BS_thread_pool.hpp>
#include <functional>
#include <queue>
#include <string>
#include <thread_pool/thread_pool.hpp>

thread_local std::string user;
void login(const std::string &U) { user = U; }
void audit() { (void)user.size(); }

void bs_pool(BS::thread_pool &Pool) {
  Pool.detach_task([] { audit(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'BS::thread_pool::detach_task' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:25: note: the lambda calls 'audit' here
  // CHECK: :29:22: note: 'audit' reads thread-local 'user' here
  auto Done = Pool.submit_task(audit);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'user' is read in a task started by 'BS::thread_pool::submit_task'
  // CHECK: :29:22: note: 'audit' reads thread-local 'user' here
  Pool.detach_loop(0, 10, [](int) { audit(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'BS::thread_pool::detach_loop'
  // CHECK: :[[@LINE-2]]:37: note: the lambda calls 'audit' here
  // CHECK: :29:22: note: 'audit' reads thread-local 'user' here
}

void debian_thread_pool(thread_pool::ThreadPool &Pool) {
  Pool.Submit([] { audit(); });
  // HEURISTIC: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'thread_pool::ThreadPool::Submit'
  // HEURISTIC: :[[@LINE-2]]:20: note: the lambda calls 'audit' here
  // HEURISTIC: :29:22: note: 'audit' reads thread-local 'user' here
}

// The program's own executor: recognised by its name and method.
class RequestExecutor {
public:
  void execute(std::function<void()> Work);
  void enqueue(std::function<void()> Work);
  void add(int Metric);
};

void own_executor(RequestExecutor &Ex) {
  Ex.execute([] { audit(); });
  // HEURISTIC: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'RequestExecutor::execute'
  // HEURISTIC: :[[@LINE-2]]:19: note: the lambda calls 'audit' here
  // HEURISTIC: :29:22: note: 'audit' reads thread-local 'user' here
  // NARROW: :[[@LINE-4]]:3: warning: thread-local 'user' is read in a task started by 'RequestExecutor::execute'
  // NARROW: :[[@LINE-5]]:19: note: the lambda calls 'audit' here
  // NARROW: :29:22: note: 'audit' reads thread-local 'user' here
  Ex.enqueue(audit);
  // HEURISTIC: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'RequestExecutor::enqueue'
  // HEURISTIC: :29:22: note: 'audit' reads thread-local 'user' here
  Ex.add(3);
}

// Not pools: a standard container of tasks, and a class whose name does
// not suggest one.
struct Registry {
  void add(std::function<void()> Callback);
};

void not_pools(std::queue<std::function<void()>> &Tasks, Registry &R) {
  Tasks.push([] { audit(); });
  R.add([] { audit(); });
}

// Carried over: a captured snapshot restored in the task, and a propagating
// wrapper around the pool.
#include <ctxloss/context.h>

void captured(BS::thread_pool &Pool, RequestExecutor &Ex) {
  Pool.detach_task([U = user] {
    ctxloss::scoped_value Restore(user, U);
    audit();
  });
  Ex.execute([U = user] {
    user = U;
    audit();
  });
}

template <typename F> void submit_with_user(BS::thread_pool &Pool, F Task) {
  Pool.detach_task([Task, U = user] {
    ctxloss::scoped_value Restore(user, U);
    Task();
  });
}

void propagating_wrapper(BS::thread_pool &Pool) {
  submit_with_user(Pool, [] { audit(); });
}

// A wrapper that does not carry it over is reported where it is called.
template <typename F> void submit_plain(BS::thread_pool &Pool, F Task) {
  Pool.detach_task(Task);
}

void plain_wrapper(BS::thread_pool &Pool) {
  submit_plain(Pool, [] { audit(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'submit_plain'
  // CHECK: :[[@LINE-6]]:3: note: 'submit_plain' starts the task with 'BS::thread_pool::detach_task' here
  // CHECK: :[[@LINE-3]]:27: note: the lambda calls 'audit' here
  // CHECK: :29:22: note: 'audit' reads thread-local 'user' here
}
