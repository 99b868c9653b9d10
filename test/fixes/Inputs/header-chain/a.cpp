#include "log.h"
#include <thread>

thread_local std::string request_id;

void enter(const std::string &Id) { request_id = Id; }
void handle(int Order) { log_event("handled"), (void)Order; }

void spawn_a() {
  std::thread T([] { handle(1); });
  T.join();
}
