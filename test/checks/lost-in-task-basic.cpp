// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Reads reached through call chains from a std::thread task, and the
// direct calls of the same functions that are fine.

#include <string>
#include <thread>

thread_local std::string request_id;

void set_request(const std::string &Id) { request_id = Id; }

void log_event(const char *Msg) { (void)Msg, (void)request_id.size(); }
void handle() { log_event("handled"); }

void direct_read() {
  std::thread T([] { (void)request_id.empty(); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:28: note: the lambda reads thread-local 'request_id' here
  T.join();
}

void chain_of_two() {
  std::thread T([] { handle(); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:22: note: the lambda calls 'handle' here
  // CHECK: :17:17: note: 'handle' calls 'log_event' here
  // CHECK: :16:52: note: 'log_event' reads thread-local 'request_id' here
  T.join();
}

void level5() { log_event("5"); }
void level4() { level5(); }
void level3() { level4(); }
void level2() { level3(); }
void level1() { level2(); }

void chain_of_five() {
  std::thread T(level1);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :39:17: note: 'level1' calls 'level2' here
  // CHECK: :38:17: note: 'level2' calls 'level3' here
  // CHECK: :37:17: note: 'level3' calls 'level4' here
  // CHECK: :36:17: note: 'level4' calls 'level5' here
  // CHECK: :35:17: note: 'level5' calls 'log_event' here
  // CHECK: :16:52: note: 'log_event' reads thread-local 'request_id' here
  T.join();
}

// Recursion on the path: the search terminates and shows the shortest path.
void recurse(int N) {
  if (N > 0)
    recurse(N - 1);
  else
    log_event("bottom");
}

void ping(int N);
void pong(int N) {
  if (N > 0)
    ping(N - 1);
}
void ping(int N) {
  if (N > 0)
    pong(N - 1);
  else
    handle();
}

void recursion() {
  std::thread A(recurse, 3);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :58:5: note: 'recurse' calls 'log_event' here
  // CHECK: :16:52: note: 'log_event' reads thread-local 'request_id' here
  std::thread B([] { pong(4); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:22: note: the lambda calls 'pong' here
  // CHECK: :64:5: note: 'pong' calls 'ping' here
  // CHECK: :70:5: note: 'ping' calls 'handle' here
  // CHECK: :17:17: note: 'handle' calls 'log_event' here
  // CHECK: :16:52: note: 'log_event' reads thread-local 'request_id' here
  A.join();
  B.join();
}

// The same functions called directly run on the thread that set the value:
// no diagnostic on these paths.
void direct_calls() {
  set_request("r-1");
  handle();
  level1();
  recurse(2);
  ping(3);
}

// A task that does not reach a read.
void no_read() {
  std::thread T([] { set_request("fresh"); });
  T.join();
}
