// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-after-suspend' -- -std=c++20 -I%ctxloss_include -I%S/Inputs/coro \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-after-suspend' -- -std=c++20 -I%ctxloss_include -I%S/Inputs/coro \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// User awaiters: the analysis of await_suspend decides whether the
// coroutine may resume on another thread.

#include "task.h"
#include <coroutine>
#include <ctxloss/context.h>
#include <string>
#include <thread>

thread_local std::string request_id;
void begin_request(const std::string &Id) { request_id = Id; }
void log_line() { (void)request_id.size(); }
void handle_request() { log_line(); }

// Resumes the coroutine on a new thread.
struct resume_on_new_thread {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> H) {
    std::thread([H] { H.resume(); }).detach();
  }
  void await_resume() {}
};

task direct_read() {
  co_await resume_on_new_thread{};
  (void)request_id.size();
  // CHECK: :[[@LINE-1]]:9: warning: thread-local 'request_id' is read after a suspension point that may resume coroutine 'direct_read' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
  // CHECK: :[[@LINE-10]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  // CHECK: :[[@LINE-4]]:9: note: alternative fix: read a copy taken before the suspension instead of thread-local 'request_id'
}
task read_down_a_chain() {
  co_await resume_on_new_thread{};
  handle_request();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'handle_request' after a suspension point that may resume coroutine 'read_down_a_chain' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
  // CHECK: :[[@LINE-18]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  // CHECK: :[[@LINE-25]]:25: note: 'handle_request' calls 'log_line' here
  // CHECK: :[[@LINE-27]]:25: note: 'log_line' reads thread-local 'request_id' here
}

// The handle goes through two helpers before a thread takes it.
void hand_to_thread(std::coroutine_handle<> H) {
  std::thread T([H] { H.resume(); });
  T.detach();
}
void start_elsewhere(std::coroutine_handle<> H) { hand_to_thread(H); }

struct two_helpers_deep {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> H) { start_elsewhere(H); }
  void await_resume() {}
};

task through_helpers() {
  co_await two_helpers_deep{};
  log_line();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'through_helpers' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'two_helpers_deep' hands it to another thread
  // CHECK: :[[@LINE-9]]:51: note: 'two_helpers_deep::await_suspend' passes the coroutine handle to 'start_elsewhere' here
  // CHECK: :[[@LINE-14]]:51: note: 'start_elsewhere' passes the coroutine handle to 'hand_to_thread' here
  // CHECK: :[[@LINE-18]]:15: note: 'hand_to_thread' hands the coroutine to 'std::thread' here
  // CHECK: :[[@LINE-51]]:25: note: 'log_line' reads thread-local 'request_id' here
}

// The handle is kept in a member that the thread's lambda resumes.
struct member_handle {
  std::coroutine_handle<> Waiting;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> H) {
    Waiting = H;
    std::thread([this] { Waiting.resume(); }).detach();
  }
  void await_resume() {}
};

task through_member() {
  co_await member_handle{};
  log_line();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'through_member' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'member_handle' hands it to another thread
  // CHECK: :[[@LINE-10]]:5: note: 'member_handle::await_suspend' hands the coroutine to 'std::thread' here
  // CHECK: :[[@LINE-71]]:25: note: 'log_line' reads thread-local 'request_id' here
}

// operator co_await gives the awaiter.
struct another_thread {};
resume_on_new_thread operator co_await(another_thread) { return {}; }

task through_operator() {
  co_await another_thread{};
  log_line();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'through_operator' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
  // CHECK: :[[@LINE-76]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  // CHECK: :[[@LINE-84]]:25: note: 'log_line' reads thread-local 'request_id' here
}

// A loop: the read before the suspension runs again after it.
task in_a_loop(int N) {
  for (int I = 0; I < N; ++I) {
    log_line();
    // CHECK: :[[@LINE-1]]:5: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'in_a_loop' on another thread [context-lost-after-suspend]
    // CHECK: :[[@LINE+4]]:5: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
    // CHECK: :[[@LINE-86]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
    // CHECK: :[[@LINE-94]]:25: note: 'log_line' reads thread-local 'request_id' here
    // CHECK: :[[@LINE-5]]:5: note: the loop comes back here after the suspension
    co_await resume_on_new_thread{};
  }
}

// Only the first read after each suspension is reported.
task two_suspensions() {
  co_await resume_on_new_thread{};
  log_line();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'two_suspensions' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
  // CHECK: :[[@LINE-99]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  // CHECK: :[[@LINE-107]]:25: note: 'log_line' reads thread-local 'request_id' here
  log_line();
  co_await resume_on_new_thread{};
  (void)request_id.size();
  // CHECK: :[[@LINE-1]]:9: warning: thread-local 'request_id' is read after a suspension point that may resume coroutine 'two_suspensions' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
  // CHECK: :[[@LINE-106]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
}

template <typename T> task templated(T Value) {
  co_await resume_on_new_thread{};
  log_line();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'templated' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': its awaiter 'resume_on_new_thread' hands it to another thread
  // CHECK: :[[@LINE-114]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  // CHECK: :[[@LINE-122]]:25: note: 'log_line' reads thread-local 'request_id' here
  (void)Value;
}
void instantiate() {
  templated(1);
  templated(2.0);
}

// co_yield through a promise whose yield_value awaiter changes thread.
struct hopping_generator {
  struct promise_type {
    hopping_generator get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    resume_on_new_thread yield_value(int) { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

hopping_generator numbers() {
  co_yield 1;
  log_line();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'numbers' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_yield': its awaiter 'resume_on_new_thread' hands it to another thread
  // CHECK: :[[@LINE-140]]:5: note: 'resume_on_new_thread::await_suspend' hands the coroutine to 'std::thread' here
  // CHECK: :[[@LINE-148]]:25: note: 'log_line' reads thread-local 'request_id' here
}

// Not a bug below.

task suspend_always_never() {
  co_await std::suspend_never{};
  log_line();
}

// Resumes inline: await_suspend hands the handle to no thread.
struct inline_awaiter {
  bool await_ready() { return false; }
  bool await_suspend(std::coroutine_handle<>) { return false; }
  int await_resume() { return 1; }
};

task inline_resume() {
  co_await inline_awaiter{};
  log_line();
}

task read_before_suspension() {
  log_line();
  co_await resume_on_new_thread{};
}

task frame_local() {
  std::string Id = request_id;
  co_await resume_on_new_thread{};
  (void)Id.size();
}

task restored_with_scoped_value() {
  std::string Id = request_id;
  co_await resume_on_new_thread{};
  ctxloss::scoped_value Restore(request_id, Id);
  log_line();
}

task restored_by_assignment() {
  std::string Id = request_id;
  co_await resume_on_new_thread{};
  request_id = Id;
  log_line();
}

// An awaiter that carries the context itself: it saves it when constructed
// and puts it back in await_resume.
struct carrying_awaiter {
  std::string Saved = request_id;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> H) {
    std::thread([H] { H.resume(); }).detach();
  }
  void await_resume() { request_id = Saved; }
};

task carried_by_awaiter() {
  co_await carrying_awaiter{};
  log_line();
}

// A same-thread event loop: the handle is queued, not handed to a thread.
struct event_loop {
  std::coroutine_handle<> Ready[8];
  int Count = 0;
  void push(std::coroutine_handle<> H) { Ready[Count++] = H; }
};
event_loop Loop;
struct yield_to_loop {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> H) { Loop.push(H); }
  void await_resume() {}
};

task same_thread_loop() {
  co_await yield_to_loop{};
  log_line();
}

int main() {
  begin_request("r1");
  direct_read();
}
