#include "context.h"
#include <thread>

void run_detached(std::function<void()> Fn) {
  std::thread(std::move(Fn)).detach();
}
void hand_to_worker(std::function<void()> Fn) { run_detached(std::move(Fn)); }
void run_inline(std::function<void()> Fn) { Fn(); }
