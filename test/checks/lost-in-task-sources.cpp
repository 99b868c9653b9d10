// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Which thread-locals are context. By default: those set outside their
// initializer in one function and read in another. Per-thread caches used
// only where they are defined are not; annotated ones always are.

#include <algorithm>
#include <ctxloss/annotations.h>
#include <random>
#include <string>
#include <thread>
#include <vector>

// A per-thread random generator: used only inside roll().
thread_local std::mt19937 rng;
int roll() {
  std::uniform_int_distribution<int> Dist(1, 6);
  return Dist(rng);
}

// A scratch buffer: cleared, filled and read in one function.
thread_local std::vector<char> scratch;
std::size_t format_size(int N) {
  scratch.clear();
  scratch.resize(N);
  return scratch.size();
}

// A lazily created per-thread connection: set and read in one function.
struct Connection {};
thread_local Connection *connection = nullptr;
Connection *get_connection() {
  if (!connection)
    connection = new Connection;
  return connection;
}

// Never set after its initializer: a per-thread constant.
thread_local int worker_limit = 8;
int limit() { return worker_limit; }

// A function-local per-thread cache.
int cached_hash() {
  static thread_local int Cache = 0;
  if (Cache == 0)
    Cache = 42;
  return Cache;
}

void caches_are_not_context() {
  std::thread A([] { roll(); });
  std::thread B([] { format_size(16); });
  std::thread C([] { get_connection(); });
  std::thread D([] { limit(); });
  std::thread E([] { cached_hash(); });
  A.join();
  B.join();
  C.join();
  D.join();
  E.join();
}

// Context: set by the request handler, read by the logger.
thread_local std::string request_id;
void begin_request(const std::string &Id) { request_id = Id; }
void log_line() { (void)request_id.size(); }

// Read only on the spawning side: nothing is lost.
void reads_before_spawn() {
  log_line();
  std::thread T([] { roll(); });
  T.join();
  log_line();
}

// Unknown code is assumed not to read context.
void external_logger();
struct Sink {
  virtual void write();
};
void unknown_code(Sink *S) {
  std::thread A([] { external_logger(); });
  std::thread B([S] { S->write(); });
  A.join();
  B.join();
}

// Annotated: context even though it is never assigned here.
CTXLOSS_CONTEXT thread_local int trace_depth = 0;
int depth() { return trace_depth; }

void annotated() {
  std::thread T(depth);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'trace_depth' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-5]]:22: note: 'depth' reads thread-local 'trace_depth' here
  T.join();
}

// GNU __thread works like thread_local.
__thread int tenant_id;
void set_tenant(int T) { tenant_id = T; }
int tenant() { return tenant_id; }

void gnu_thread() {
  std::thread T(tenant);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'tenant_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-5]]:23: note: 'tenant' reads thread-local 'tenant_id' here
  T.join();
}

// Standard algorithms run the lambdas they are given on the calling thread.
void log_all(const std::vector<int> &Items) {
  std::for_each(Items.begin(), Items.end(), [](int) { log_line(); });
}

void through_algorithm(std::vector<int> Items) {
  std::thread T([Items] { log_all(Items); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:27: note: the lambda calls 'log_all' here
  // CHECK: :[[@LINE-7]]:45: note: 'log_all' runs the lambda through 'std::for_each' here
  // CHECK: :[[@LINE-8]]:55: note: the lambda calls 'log_line' here
  // CHECK: :69:25: note: 'log_line' reads thread-local 'request_id' here
  T.join();
}
