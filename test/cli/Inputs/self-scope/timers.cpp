#include "timing.h"
#include <thread>

void timer_loop() { timing::now(); }

void start_timers() {
  timing::ScopedCache cache;
  std::thread t(timer_loop);
  t.join();
}

void audit() { request_id(); }

void handle() {
  Request r;
  std::thread t(audit);
  t.join();
}
