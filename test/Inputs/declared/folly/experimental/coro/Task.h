// Declared API surface of folly::coro::Task (see ../../../README.md). folly's
// Task saves the RequestContext when it suspends and restores it when it
// resumes, whichever thread resumes it.
#pragma once

#include <coroutine>

namespace folly {
namespace coro {

template <typename T = void> class Task {
public:
  class promise_type {
  public:
    Task get_return_object() noexcept;
    std::suspend_always initial_suspend() noexcept;
    std::suspend_always final_suspend() noexcept;
    void return_void() noexcept;
    void unhandled_exception() noexcept;
  };
};

} // namespace coro
} // namespace folly
