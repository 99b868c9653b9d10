// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-after-suspend' \
// RUN:   --config="{CheckOptions: {context-lost-after-suspend.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++20 -I%ctxloss_include | FileCheck %s --check-prefix=WARN --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-after-suspend' --fix \
// RUN:   --config="{CheckOptions: {context-lost-after-suspend.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++20 -I%ctxloss_include > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++20 -fsyntax-only -Werror -Wall -Wshadow-all \
// RUN:   -I%ctxloss_include %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-after-suspend' \
// RUN:   -- -std=c++20 -I%ctxloss_include | count 0
//
// The default strategy offers the frame local on a note.
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-after-suspend' \
// RUN:   -- -std=c++20 -I%ctxloss_include | FileCheck %s --check-prefix=NOTE
// NOTE: :[[@LINE+35]]:9: warning: thread-local 'request_id' is read after a suspension point that may resume coroutine 'read_after' on another thread [context-lost-after-suspend]
// NOTE: :[[@LINE+34]]:9: note: alternative fix: read a copy taken before the suspension instead of thread-local 'request_id'

// The explicit-parameter fix of context-lost-after-suspend, where the read
// is in the coroutine body itself: the body reads a frame local taken before
// the first suspension that may change thread.

#include <coroutine>
#include <string>
#include <thread>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
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
void log_line(const std::string &Id) { (void)Id; }

task read_after() {
  co_await resume_on_new_thread{};
  (void)request_id.size();
  // WARN: :[[@LINE-1]]:9: warning: thread-local 'request_id' is read after a suspension point that may resume coroutine 'read_after' on another thread [context-lost-after-suspend]
  // WARN: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
  // WARN: :[[@LINE-14]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  // WARN: :[[@LINE-4]]:9: note: alternative fix: restore the value after the suspension
}
// FIXED: task read_after() {
// FIXED-NEXT:   auto ctx_request_id = request_id;
// FIXED-NEXT:   co_await resume_on_new_thread{};
// FIXED-NEXT:   (void)ctx_request_id.size();

// Every read after the copy reads it, in nested blocks too; the read before
// stays.
task two_suspensions(bool Verbose) {
  log_line(request_id);
  co_await resume_on_new_thread{};
  log_line(request_id);
  // WARN: :[[@LINE-1]]:12: warning: thread-local 'request_id' is read after a suspension point that may resume coroutine 'two_suspensions' on another thread [context-lost-after-suspend]
  // WARN: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
  // WARN: :[[@LINE-30]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  // WARN: :[[@LINE-4]]:12: note: alternative fix: restore the value after the suspension
  if (Verbose) {
    co_await resume_on_new_thread{};
    log_line(request_id + "/verbose");
    // WARN: :[[@LINE-1]]:14: warning: thread-local 'request_id' is read after a suspension point that may resume coroutine 'two_suspensions' on another thread [context-lost-after-suspend]
    // WARN: :[[@LINE-3]]:5: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
    // WARN: :[[@LINE-37]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  }
}
// FIXED: task two_suspensions(bool Verbose) {
// FIXED-NEXT:   log_line(request_id);
// FIXED-NEXT:   auto ctx_request_id = request_id;
// FIXED-NEXT:   co_await resume_on_new_thread{};
// FIXED-NEXT:   log_line(ctx_request_id);
// FIXED:     co_await resume_on_new_thread{};
// FIXED-NEXT:     log_line(ctx_request_id + "/verbose");
