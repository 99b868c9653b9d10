// RUN: rm -rf %t && mkdir -p %t && sed -e 's,// [A-Z-]*:.*,,' %s > %t/input.cpp
// RUN: %ctxloss_tidy %t/input.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ |]*:[0-9]+:[0-9]+: (warning|note|error):}}'
// RUN: cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   -- -std=c++17 -I%ctxloss_include > %t/out.txt
// RUN: diff %s %t/fixed.cpp

// Where copy-and-run cannot be written, no fix is offered: a task passed as
// a function pointer (a note says what to do instead), a value that cannot
// be copied (a note says so), a spawn written in a macro (silently: the
// macro is the place to fix). None of these has an explicit-parameter
// alternative either.

#include <atomic>
#include <pthread.h>
#include <thread>

thread_local int tenant = 0;
thread_local std::atomic<int> progress{0};

void set_tenant(int T) { tenant = T, progress = T; }
int current_tenant() { return tenant; }

void *start_routine(void *) {
  (void)current_tenant();
  return nullptr;
}

void pthreads() {
  pthread_t Thread;
  pthread_create(&Thread, nullptr, start_routine, nullptr);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'pthread_create'
  // CHECK: :[[@LINE-8]]:9: note: 'start_routine' calls 'current_tenant' here
  // CHECK: :24:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:36: note: no fix-it: the task is passed as a function pointer, which cannot carry a snapshot of 'tenant'; pass the value through the task's argument and restore it with 'ctxloss::scoped_value' at the top of the task
  pthread_create(&Thread, nullptr, [](void *) -> void * {
    return reinterpret_cast<void *>(static_cast<long>(tenant));
  }, nullptr);
  // CHECK: :[[@LINE-3]]:3: warning: thread-local 'tenant' is read in a task started by 'pthread_create'
  // CHECK: :[[@LINE-3]]:55: note: the lambda reads thread-local 'tenant' here
  // CHECK: :[[@LINE-5]]:36: note: no fix-it: the task is passed as a function pointer, which cannot carry a snapshot of 'tenant'; pass the value through the task's argument and restore it with 'ctxloss::scoped_value' at the top of the task
  pthread_join(Thread, nullptr);
}

int read_progress() { return progress.load(); }

void not_copyable() {
  std::thread T(read_progress);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'progress' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-5]]:30: note: 'read_progress' reads thread-local 'progress' here
  // CHECK: :[[@LINE-3]]:17: note: no fix-it: 'progress' has type 'std::atomic<int>', which cannot be copied into the task; carry what the task needs from it as an argument instead
  T.join();
}

#define RUN_DETACHED(Fn) std::thread(Fn).detach()

void in_macro() {
  RUN_DETACHED(current_tenant);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :24:31: note: 'current_tenant' reads thread-local 'tenant' here
  RUN_DETACHED([] { (void)current_tenant(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:27: note: the lambda calls 'current_tenant' here
  // CHECK: :24:31: note: 'current_tenant' reads thread-local 'tenant' here
}
