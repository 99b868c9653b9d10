#include <string>
#include <thread>

thread_local std::string request_id;
void set_request(const std::string &Id) { request_id = Id; }
void log_event() { (void)request_id.size(); }

void reported() {
  std::thread T([] { log_event(); });
  T.join();
}

void all_checks() {
  std::thread T([] { log_event(); }); // NOLINT
  T.join();
}

void named() {
  std::thread T([] { log_event(); }); // NOLINT(context-lost-in-task)
  T.join();
}

void glob() {
  std::thread T([] { log_event(); }); // NOLINT(bugprone-*, context-*)
  T.join();
}

void other_check() {
  std::thread T([] { log_event(); }); // NOLINT(bugprone-*)
  T.join();
}

void negative_glob() {
  std::thread T([] { log_event(); }); // NOLINT(-context-*)
  T.join();
}

void next_line() {
  // NOLINTNEXTLINE(context-lost-in-task)
  std::thread T([] { log_event(); });
  T.join();
}

void next_line_too_far() {
  // NOLINTNEXTLINE

  std::thread T([] { log_event(); });
  T.join();
}

void next_line_on_the_line() {
  std::thread T([] { log_event(); }); // NOLINTNEXTLINE
  T.join();
}

// NOLINTBEGIN(context-*)
void block() {
  std::thread T([] { log_event(); });
  T.join();
}
// NOLINTEND(context-*)

void after_block() {
  std::thread T([] { log_event(); });
  T.join();
}
