// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-after-suspend' -- -std=c++20 -isystem %inputs/declared -I%S/Inputs/coro \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-after-suspend' -- -std=c++20 -isystem %inputs/declared -I%S/Inputs/coro \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Profiles after a suspension: OpenTelemetry's current context is per
// thread; folly::coro::Task propagates folly's RequestContext across its
// awaits (a property of the folly profile), but not a plain thread-local.

#include "folly/experimental/coro/Task.h"
#include "folly/io/async/Request.h"
#include "opentelemetry/context/runtime_context.h"
#include "task.h"
#include <coroutine>
#include <string>
#include <thread>

struct resume_on_new_thread {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> H) {
    std::thread([H] { H.resume(); }).detach();
  }
  void await_resume() {}
};

thread_local std::string request_id;
void begin_request(const std::string &Id) { request_id = Id; }

task traced() {
  co_await resume_on_new_thread{};
  auto Current = opentelemetry::context::RuntimeContext::GetCurrent();
  // CHECK: :[[@LINE-1]]:58: warning: OpenTelemetry context is read after a suspension point that may resume coroutine 'traced' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
  // CHECK: :[[@LINE-13]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  (void)Current;
}

folly::coro::Task<void> folly_task() {
  co_await resume_on_new_thread{};
  (void)request_id.size();
  // CHECK: :[[@LINE-1]]:9: warning: thread-local 'request_id' is read after a suspension point that may resume coroutine 'folly_task' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
  // CHECK: :[[@LINE-22]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  // CHECK: :[[@LINE-4]]:9: note: alternative fix: read a copy taken before the suspension instead of thread-local 'request_id'
  if (auto *Ctx = folly::RequestContext::try_get())
    Ctx->getContextData("user");
}
// Not a bug: restored with the profile's guard after the resumption.
task traced_and_restored() {
  auto Saved = opentelemetry::context::RuntimeContext::GetCurrent();
  co_await resume_on_new_thread{};
  auto Token = opentelemetry::context::RuntimeContext::Attach(Saved);
  auto Current = opentelemetry::context::RuntimeContext::GetCurrent();
  (void)Current;
}
