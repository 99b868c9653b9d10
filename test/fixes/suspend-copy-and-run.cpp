// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-after-suspend' \
// RUN:   --export-fixes=%t/fixes.yaml -- -std=c++20 -I%ctxloss_include -isystem %inputs/declared \
// RUN:   | FileCheck %s --check-prefix=WARN
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-after-suspend' --fix \
// RUN:   -- -std=c++20 -I%ctxloss_include -isystem %inputs/declared > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++20 -fsyntax-only -Werror -Wall -Wshadow-all \
// RUN:   -I%ctxloss_include -isystem %inputs/declared %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-after-suspend' \
// RUN:   -- -std=c++20 -I%ctxloss_include -isystem %inputs/declared | count 0

// The coroutine form of copy-and-run: a frame local taken before the first
// suspension that may change thread, restored after each suspension a
// finding starts from. Only the warnings are pinned here; the notes are in
// test/checks/lost-after-suspend-*.cpp.

#include "opentelemetry/context/runtime_context.h"
#include <coroutine>

// FIXED: #include "opentelemetry/context/runtime_context.h"
// FIXED-NEXT: #include <ctxloss/context.h>
// FIXED-EMPTY:
// FIXED-NEXT: #include <coroutine>
#include <exception>
#include <string>
#include <thread>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

struct resume_on_new_thread {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> H) {
    std::thread([H] { H.resume(); }).detach();
  }
  void await_resume() {}
};

thread_local std::string request_id;
void begin_request(const std::string &Id) { request_id = Id; }
void log_line() { (void)request_id.size(); }

task one_suspension() {
  log_line();
  co_await resume_on_new_thread{};
  log_line();
  // WARN: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'one_suspension' on another thread [context-lost-after-suspend]
}
// FIXED: task one_suspension() {
// FIXED-NEXT:   log_line();
// FIXED-NEXT:   auto ctx_request_id = request_id;
// FIXED-NEXT:   co_await resume_on_new_thread{};
// FIXED-NEXT:   ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
// FIXED-NEXT:   log_line();

// One fix for both suspensions, on the first warning.
task two_suspensions() {
  co_await resume_on_new_thread{};
  log_line();
  // WARN: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'two_suspensions' on another thread [context-lost-after-suspend]
  co_await resume_on_new_thread{};
  (void)request_id.size();
  // WARN: :[[@LINE-1]]:9: warning: thread-local 'request_id' is read after a suspension point that may resume coroutine 'two_suspensions' on another thread [context-lost-after-suspend]
}
// FIXED: task two_suspensions() {
// FIXED-NEXT:   auto ctx_request_id = request_id;
// FIXED-NEXT:   co_await resume_on_new_thread{};
// FIXED-NEXT:   ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
// FIXED-NEXT:   log_line();
// FIXED:   co_await resume_on_new_thread{};
// FIXED-NEXT:   ctxloss::scoped_value restore_request_id_1(request_id, ctx_request_id);
// FIXED-NEXT:   (void)request_id.size();

// A profile's own snapshot and guard.
task traced() {
  co_await resume_on_new_thread{};
  auto Current = opentelemetry::context::RuntimeContext::GetCurrent();
  // WARN: :[[@LINE-1]]:58: warning: OpenTelemetry context is read after a suspension point that may resume coroutine 'traced' on another thread [context-lost-after-suspend]
  (void)Current;
}
// FIXED: task traced() {
// FIXED-NEXT:   auto ctx_opentelemetry = opentelemetry::context::RuntimeContext::GetCurrent();
// FIXED-NEXT:   co_await resume_on_new_thread{};
// FIXED-NEXT:   auto restore_opentelemetry = opentelemetry::context::RuntimeContext::Attach(ctx_opentelemetry);
// FIXED-NEXT:   auto Current = opentelemetry::context::RuntimeContext::GetCurrent();
