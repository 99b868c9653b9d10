// RUN: sed -e 's,// [A-Z-]*:.*,,' %s > %t.cpp && %clang_tidy_plugin %t.cpp --checks='-*,context-lost-in-task' -- -std=c++20 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++20 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Every standard spawn boundary, against the real libstdc++ and glibc
// headers.

#include <chrono>
#include <future>
#include <pthread.h>
#include <thread>

thread_local int tenant = 0;

void enter(int T) { tenant = T; }
int current_tenant() { return tenant; }

void thread_spawn() {
  std::thread T([] { current_tenant(); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'tenant' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:22: note: the lambda calls 'current_tenant' here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  T.join();
  std::thread(current_tenant).detach();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
}

void jthread_spawn() {
  std::jthread T([](std::stop_token) { current_tenant(); });
  // CHECK: :[[@LINE-1]]:16: warning: thread-local 'tenant' is read in a task started by 'std::jthread'
  // CHECK: :[[@LINE-2]]:40: note: the lambda calls 'current_tenant' here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
}

void async_spawn() {
  auto A = std::async(std::launch::async, [] { return current_tenant(); });
  // CHECK: :[[@LINE-1]]:12: warning: thread-local 'tenant' is read in a task started by 'std::async'
  // CHECK: :[[@LINE-2]]:55: note: the lambda calls 'current_tenant' here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  // The default policy may run the task on another thread.
  auto B = std::async(current_tenant);
  // CHECK: :[[@LINE-1]]:12: warning: thread-local 'tenant' is read in a task started by 'std::async'
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  auto C = std::async(std::launch::async | std::launch::deferred,
                      current_tenant);
  // CHECK: :[[@LINE-2]]:12: warning: thread-local 'tenant' is read in a task started by 'std::async'
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  // The C++ spelling of a timeout wait: still a spawn.
  auto D = std::async(std::launch::async, current_tenant);
  // CHECK: :[[@LINE-1]]:12: warning: thread-local 'tenant' is read in a task started by 'std::async' (awaited with 'wait_for') but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE+2]]:9: note: the task is awaited with a timeout here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  if (D.wait_for(std::chrono::seconds(3)) == std::future_status::timeout)
    return;
  auto E = std::async(std::launch::async, [] { return tenant; });
  // CHECK: :[[@LINE-1]]:12: warning: thread-local 'tenant' is read in a task started by 'std::async' (awaited with 'wait_until')
  // CHECK: :[[@LINE+2]]:5: note: the task is awaited with a timeout here
  // CHECK: :[[@LINE-3]]:55: note: the lambda reads thread-local 'tenant' here
  E.wait_until(std::chrono::steady_clock::now() + std::chrono::seconds(1));
}

void deferred_is_not_a_spawn() {
  // Deferred tasks run on the thread that calls get() or wait().
  auto A = std::async(std::launch::deferred, current_tenant);
  auto B = std::async(std::launch::deferred, [] { return tenant; });
  A.get();
  B.get();
}

void *start_routine(void *) {
  (void)current_tenant();
  return nullptr;
}

void pthread_spawn() {
  pthread_t Thread;
  pthread_create(&Thread, nullptr, start_routine, nullptr);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'pthread_create'
  // CHECK: :[[@LINE-8]]:9: note: 'start_routine' calls 'current_tenant' here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:36: note: no fix-it: the task is passed as a function pointer, which cannot carry a snapshot of 'tenant'; pass the value through the task's argument and restore it with 'ctxloss::scoped_value' at the top of the task
  pthread_create(&Thread, nullptr, [](void *) -> void * {
    // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'pthread_create'
    return reinterpret_cast<void *>(static_cast<long>(tenant));
    // CHECK: :[[@LINE-1]]:55: note: the lambda reads thread-local 'tenant' here
    // CHECK: :[[@LINE-4]]:36: note: no fix-it: the task is passed as a function pointer, which cannot carry a snapshot of 'tenant'; pass the value through the task's argument and restore it with 'ctxloss::scoped_value' at the top of the task
  }, nullptr);
  pthread_join(Thread, nullptr);
}
