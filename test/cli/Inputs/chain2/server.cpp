#include "logging.h"
#include <thread>

void handle(int Order) { log_event("handled"), (void)Order; }

void serve(int Order) {
  set_request("req-1");
  handle(Order);
  std::thread Worker([Order] { handle(Order); });
  Worker.join();
}
