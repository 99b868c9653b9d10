#pragma once
#include <string>
#include <thread>

extern thread_local std::string request_id;

void set_request(const std::string &Id);
void log_event(const char *What);

// A spawn in a header: both translation units that include it see it; it
// is fixed once.
inline void audit_async() {
  std::thread T([] { log_event("audit"); });
  T.join();
}
