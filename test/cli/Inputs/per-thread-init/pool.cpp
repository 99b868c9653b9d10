#include "status.h"
#include <thread>

void worker_main() {
  register_thread(1);
  current_type();
  unregister_thread();
}

void start_worker() {
  std::thread Worker(worker_main);
  Worker.detach();
}
