// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-after-suspend' -- -std=c++20 -I%S/Inputs/coro \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-after-suspend' -- -std=c++20 -I%S/Inputs/coro \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// The second form: a pointer or reference to thread-local state taken
// before a suspension that may change thread and used after it points at
// the state of the thread that took it.

#include "task.h"
#include <coroutine>
#include <string>
#include <thread>

struct request_context {
  std::string user;
  int depth = 0;
};
thread_local request_context current;
request_context *current_context() { return &current; }
request_context &context_ref() { return current; }

struct resume_on_new_thread {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> H) {
    std::thread([H] { H.resume(); }).detach();
  }
  void await_resume() {}
};

task pointer_kept() {
  request_context *Ctx = &current;
  co_await resume_on_new_thread{};
  ++Ctx->depth;
  // CHECK: :[[@LINE-1]]:5: warning: 'Ctx' points to thread-local 'current' of the thread that took it and is used after a suspension point that may resume coroutine 'pointer_kept' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
  // CHECK: :[[@LINE-11]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  // CHECK: :[[@LINE-6]]:20: note: 'Ctx' is taken here, before the suspension
}

task pointer_from_accessor() {
  request_context *Ctx = current_context();
  co_await resume_on_new_thread{};
  (void)Ctx->user.size();
  // CHECK: :[[@LINE-1]]:9: warning: 'Ctx' points to thread-local 'current' of the thread that took it and is used after a suspension point that may resume coroutine 'pointer_from_accessor' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
  // CHECK: :[[@LINE-21]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  // CHECK: :[[@LINE-6]]:20: note: 'Ctx' is taken here, before the suspension
}

task reference_kept() {
  request_context &Ctx = context_ref();
  co_await resume_on_new_thread{};
  Ctx.depth = 2;
  // CHECK: :[[@LINE-1]]:3: warning: 'Ctx' refers to thread-local 'current' of the thread that took it and is used after a suspension point that may resume coroutine 'reference_kept' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
  // CHECK: :[[@LINE-31]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  // CHECK: :[[@LINE-6]]:20: note: 'Ctx' is taken here, before the suspension
}

task pointer_in_loop(int N) {
  auto *Ctx = &current;
  for (int I = 0; I < N; ++I) {
    ++Ctx->depth;
    // CHECK: :[[@LINE-1]]:7: warning: 'Ctx' points to thread-local 'current' of the thread that took it and is used after a suspension point that may resume coroutine 'pointer_in_loop' on another thread [context-lost-after-suspend]
    // CHECK: :[[@LINE+4]]:5: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
    // CHECK: :[[@LINE-41]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
    // CHECK: :[[@LINE-6]]:9: note: 'Ctx' is taken here, before the suspension
    // CHECK: :[[@LINE-5]]:7: note: the loop comes back here after the suspension
    co_await resume_on_new_thread{};
  }
}

// Not a bug below.

task taken_again_after() {
  request_context *Ctx = &current;
  ++Ctx->depth;
  co_await resume_on_new_thread{};
  Ctx = &current;
  ++Ctx->depth;
}

task taken_after() {
  co_await resume_on_new_thread{};
  request_context &Ctx = current;
  ++Ctx.depth;
}

task used_before_only() {
  request_context *Ctx = &current;
  ++Ctx->depth;
  co_await resume_on_new_thread{};
}

request_context shared_state;
task not_thread_local() {
  request_context *Ctx = &shared_state;
  co_await resume_on_new_thread{};
  ++Ctx->depth;
}

task same_thread() {
  request_context *Ctx = &current;
  co_await std::suspend_always{};
  ++Ctx->depth;
}
