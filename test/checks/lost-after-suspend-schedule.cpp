// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-after-suspend' -- -std=c++20 -I%S/Inputs/coro \
// RUN:   | FileCheck %s --check-prefixes=CHECK,COMMON --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-after-suspend' -- -std=c++20 -I%S/Inputs/coro \
// RUN:   | FileCheck %s --check-prefixes=CHECK,COMMON --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-after-suspend' \
// RUN:   --config="{CheckOptions: {context-lost-after-suspend.SameThreadAwaitables: 'cppcoro::static_thread_pool::schedule_operation;std::suspend_never', context-lost-after-suspend.Awaitables: 'app::hop_.*'}}" \
// RUN:   -- -std=c++20 -I%S/Inputs/coro | FileCheck %s --check-prefixes=OPTIONS,COMMON --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Schedule-on idioms whose awaiters this translation unit only declares:
// `co_await pool.schedule()` on a pool-like class, `co_await
// resume_on(pool)`. The declarations below are the API surface of
// cppcoro's static_thread_pool and of a project's own executor.

#include "task.h"
#include <coroutine>
#include <string>

namespace cppcoro {
class static_thread_pool {
public:
  class schedule_operation {
  public:
    bool await_ready() noexcept;
    void await_suspend(std::coroutine_handle<> Awaiting) noexcept;
    void await_resume() noexcept;
  };
  schedule_operation schedule() noexcept;
};
} // namespace cppcoro

namespace app {
struct io_executor {
  struct awaiter {
    bool await_ready();
    void await_suspend(std::coroutine_handle<>);
    void await_resume();
  };
  awaiter schedule();
};
struct worker_pool {};
io_executor::awaiter resume_on(worker_pool &Pool);

// An executor whose schedule() visibly resumes inline.
struct inline_executor {
  struct awaiter {
    bool await_ready() { return true; }
    void await_suspend(std::coroutine_handle<>) {}
    void await_resume() {}
  };
  awaiter schedule() { return {}; }
};

// A scheduler-free awaiter the Awaitables option names.
struct hop_awaiter {
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  void await_resume();
};
hop_awaiter hop_to_pool();

// Not pool-like: a one-shot event.
struct manual_event {
  io_executor::awaiter schedule();
};
} // namespace app

thread_local std::string request_id;
void begin_request(const std::string &Id) { request_id = Id; }
void log_line() { (void)request_id.size(); }

task on_static_pool(cppcoro::static_thread_pool &Pool) {
  co_await Pool.schedule();
  log_line();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'on_static_pool' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': 'cppcoro::static_thread_pool::schedule' schedules it on a thread pool
  // CHECK: :[[@LINE-7]]:25: note: 'log_line' reads thread-local 'request_id' here
}

task on_executor(app::io_executor &Executor) {
  co_await Executor.schedule();
  log_line();
  // COMMON: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'on_executor' on another thread [context-lost-after-suspend]
  // COMMON: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': 'app::io_executor::schedule' schedules it on a thread pool
  // COMMON: :[[@LINE-15]]:25: note: 'log_line' reads thread-local 'request_id' here
}

task on_resume_on(app::worker_pool &Pool) {
  co_await app::resume_on(Pool);
  log_line();
  // COMMON: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'on_resume_on' on another thread [context-lost-after-suspend]
  // COMMON: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': 'app::resume_on' schedules it on a thread pool
  // COMMON: :[[@LINE-23]]:25: note: 'log_line' reads thread-local 'request_id' here
}

task on_hop() {
  co_await app::hop_to_pool();
  log_line();
  // OPTIONS: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'on_hop' on another thread [context-lost-after-suspend]
  // OPTIONS: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': 'app::hop_awaiter' matches the 'Awaitables' option
  // OPTIONS: :[[@LINE-31]]:25: note: 'log_line' reads thread-local 'request_id' here
}

// Not a bug below.

task on_inline_executor(app::inline_executor &Executor) {
  co_await Executor.schedule();
  log_line();
}

task on_event(app::manual_event &Event) {
  co_await Event.schedule();
  log_line();
}

task snapshot_first(cppcoro::static_thread_pool &Pool) {
  std::string Id = request_id;
  co_await Pool.schedule();
  (void)Id.size();
}
