#include "context.h"
#include <coroutine>
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

// Hands the coroutine to a worker that pool.cpp starts.
struct resume_on_worker {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> H) {
    hand_to_worker([H] { H.resume(); });
  }
  void await_resume() {}
};

// Resumes the coroutine on this thread, through pool.cpp.
struct resume_inline {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> H) {
    run_inline([H] { H.resume(); });
  }
  void await_resume() {}
};

task checkout() {
  audit("start");
  co_await resume_on_new_thread{};
  audit("charged");
}

task read_here() {
  co_await resume_on_new_thread{};
  std::string Id = request_id;
  (void)Id;
}

task on_worker() {
  co_await resume_on_worker{};
  audit("on a worker");
}

// Restored after the resumption by setters audit.cpp defines.
task restored() {
  auto Saved = request_id;
  co_await resume_on_new_thread{};
  begin_request(Saved);
  audit("restored");
}

task entered() {
  co_await resume_on_new_thread{};
  enter_pending_request();
  std::string Id = request_id;
  (void)Id;
  audit("entered");
}

task same_thread() {
  co_await resume_inline{};
  audit("inline");
}
