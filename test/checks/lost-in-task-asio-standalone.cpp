// RUN: sed -e 's,// [A-Z-]*:.*,,' %s > %t.cpp
// RUN: %clang_tidy_plugin %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Standalone Asio (namespace asio), against Debian's real headers
// (libasio-dev): the same rules as Boost.Asio.

#include <asio.hpp>
#include <string>

thread_local std::string request_id;
void begin_request(const std::string &Id) { request_id = Id; }
void log_line() { (void)request_id.size(); }

void handlers(asio::io_context &Io, asio::thread_pool &Pool) {
  asio::post(Pool, [] { log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'asio::post' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:25: note: the lambda calls 'log_line' here
  // CHECK: :15:25: note: 'log_line' reads thread-local 'request_id' here
  asio::defer(Io, log_line);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'asio::defer'
  // CHECK: :15:25: note: 'log_line' reads thread-local 'request_id' here
  asio::dispatch(Pool, log_line);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'asio::dispatch'
  // CHECK: :15:25: note: 'log_line' reads thread-local 'request_id' here
  // Inline when called from Io's own thread: not a boundary.
  asio::dispatch(Io, log_line);
  // Captured and restored.
  asio::post(Pool, [Rid = request_id] {
    request_id = Rid;
    log_line();
  });
}
