// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// oneTBB, against Debian's real headers (libtbb-dev). The calling thread
// runs some iterations itself; the workers run the others without the
// context.

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>
#include <string>

thread_local std::string tenant;
void enter(const std::string &T) { tenant = T; }
int cost(int I) { return I + static_cast<int>(tenant.size()); }

void parallel_algorithms() {
  tbb::parallel_for(0, 100, [](int I) { cost(I); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'tbb::parallel_for' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:41: note: the lambda calls 'cost' here
  // CHECK: :20:47: note: 'cost' reads thread-local 'tenant' here
  tbb::parallel_invoke([] {}, [] { cost(1); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'tbb::parallel_invoke'
  // CHECK: :[[@LINE-2]]:36: note: the lambda calls 'cost' here
  // CHECK: :20:47: note: 'cost' reads thread-local 'tenant' here
  int Sum = tbb::parallel_reduce(
      tbb::blocked_range<int>(0, 100), 0,
      [](const tbb::blocked_range<int> &R, int Acc) {
        return Acc + cost(R.begin());
      },
      [](int A, int B) { return A + B; });
  // CHECK: :[[@LINE-6]]:13: warning: thread-local 'tenant' is read in a task started by 'tbb::parallel_reduce'
  // CHECK: :[[@LINE-4]]:22: note: the lambda calls 'cost' here
  // CHECK: :20:47: note: 'cost' reads thread-local 'tenant' here
  (void)Sum;
}

void tasks(tbb::task_group &Group, tbb::task_arena &Arena) {
  Group.run([] { cost(2); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'tbb::task_group::run'
  // CHECK: :[[@LINE-2]]:18: note: the lambda calls 'cost' here
  // CHECK: :20:47: note: 'cost' reads thread-local 'tenant' here
  Arena.enqueue([] { cost(3); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'tbb::task_arena::enqueue'
  // CHECK: :[[@LINE-2]]:22: note: the lambda calls 'cost' here
  // CHECK: :20:47: note: 'cost' reads thread-local 'tenant' here
  // execute() runs the functor on the calling thread when it can join the
  // arena: not counted.
  Arena.execute([] { cost(4); });
  // Captured and restored.
  Group.run([T = tenant] {
    tenant = T;
    cost(5);
  });
  Group.wait();
}

// A propagating wrapper around task_group::run is silent; a plain one is
// reported where it is called.
template <typename F> void run_with_tenant(tbb::task_group &Group, F Fn) {
  Group.run([Fn, T = tenant] {
    tenant = T;
    Fn();
  });
}
template <typename F> void run_plain(tbb::task_group &Group, F Fn) {
  Group.run(Fn);
}

void wrappers(tbb::task_group &Group) {
  run_with_tenant(Group, [] { cost(6); });
  run_plain(Group, [] { cost(7); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'run_plain'
  // CHECK: :[[@LINE-7]]:3: note: 'run_plain' starts the task with 'tbb::task_group::run' here
  // CHECK: :[[@LINE-3]]:25: note: the lambda calls 'cost' here
  // CHECK: :20:47: note: 'cost' reads thread-local 'tenant' here
  Group.wait();
}
