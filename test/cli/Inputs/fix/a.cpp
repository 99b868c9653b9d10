#include "log.h"

void a() {
  std::thread T([] { log_event("a"); });
  T.join();
  audit_async();
}
