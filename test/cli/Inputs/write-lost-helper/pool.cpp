#include "context.h"
#include <future>
#include <thread>

void run_in_threadpool(std::function<void()> Fn) {
  auto Done = std::async(std::launch::async, Fn);
  Done.get();
}

void run_maybe(std::function<void()> Fn, bool Block) {
  std::thread T(Fn);
  if (Block)
    T.join();
  else
    T.detach();
}
