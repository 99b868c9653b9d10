#include "log.h"
#include <thread>

void spawn_b() {
  std::thread T([] { log_event("b"); });
  T.join();
  handle(2);
}
