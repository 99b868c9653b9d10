// The API surface of the BS::thread_pool library (Barak Shoshany's
// thread-pool, v4/v5) that the tests use; Debian does not package it. The
// real names, with empty bodies: templates called with lambdas need one.
#pragma once
#include <cstddef>
#include <future>

namespace BS {
class thread_pool {
public:
  explicit thread_pool(std::size_t Threads = 0) { (void)Threads; }
  template <typename F> std::future<void> submit_task(F &&Task) {
    (void)Task;
    return {};
  }
  template <typename F> void detach_task(F &&Task) { (void)Task; }
  template <typename T, typename F>
  std::future<void> submit_loop(T First, T Last, F &&Loop) {
    (void)First, (void)Last, (void)Loop;
    return {};
  }
  template <typename T, typename F>
  void detach_loop(T First, T Last, F &&Loop) {
    (void)First, (void)Last, (void)Loop;
  }
  void wait() {}
};
} // namespace BS
