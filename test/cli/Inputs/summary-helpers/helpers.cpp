#include "helpers.h"
#include <thread>
#include <utility>

class WorkerPool {
public:
  void submit(std::function<void()> Task);
};

static WorkerPool Pool;

void post_to_pool(std::function<void()> F) { Pool.submit(std::move(F)); }

void run_detached(std::function<void()> F) { std::thread(std::move(F)).detach(); }

void run_and_wait(std::function<void()> F) {
  std::thread T(std::move(F));
  T.join();
}

void run_later(std::function<void()> F) { std::thread(std::move(F)).detach(); }
