// A one-worker thread pool for the runtime tests: tasks run in submission
// order on one long-lived thread, so a value a task leaves behind would be
// seen by the next task. A task that throws is reported, not fatal.

#ifndef CTXLOSS_TEST_TINY_POOL_H
#define CTXLOSS_TEST_TINY_POOL_H

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

class tiny_pool {
public:
  /// \p Init runs first on the worker thread (to give its thread-locals a
  /// value of their own).
  explicit tiny_pool(std::function<void()> Init)
      : Worker([this, Init] {
          Init();
          loop();
        }) {}
  ~tiny_pool() {
    {
      std::lock_guard<std::mutex> Lock(M);
      Done = true;
    }
    Ready.notify_one();
    Worker.join();
  }

  void submit(std::function<void()> Task) {
    {
      std::lock_guard<std::mutex> Lock(M);
      Tasks.push_back(std::move(Task));
    }
    Ready.notify_one();
  }

private:
  void loop() {
    for (;;) {
      std::function<void()> Task;
      {
        std::unique_lock<std::mutex> Lock(M);
        Ready.wait(Lock, [this] { return Done || !Tasks.empty(); });
        if (Tasks.empty())
          return;
        Task = std::move(Tasks.front());
        Tasks.pop_front();
      }
      try {
        Task();
      } catch (const std::exception &E) {
        std::printf("task threw: %s\n", E.what());
      }
    }
  }

  std::mutex M;
  std::condition_variable Ready;
  std::deque<std::function<void()>> Tasks;
  bool Done = false;
  std::thread Worker;
};

#endif // CTXLOSS_TEST_TINY_POOL_H
