// RUN: %clang_tidy_plugin %s --checks='-*,context-*' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-*' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config='{CheckOptions: {ContextVariables: "timing::current_source"}}' \
// RUN:   -- -std=c++17 | sed '/: note: alternative fix: /d' \
// RUN:   | FileCheck %s --check-prefixes=CHECK,CONFIGURED --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// A scope object that installs itself over the previous value it saved is a
// stack of per-thread state on the installing thread (a time cache, an
// execution context): another thread could not use what it installs, which
// lives on this thread, and starts from its own default. Such a write does
// not make the variable context. Reduced from gRPC 1.51
// (src/core/lib/gprpp/time.h: Timestamp::ScopedSource over the thread-local
// time source, read by Timestamp::Now() in threads it starts).

#include <thread>

namespace timing {
struct Source {
  virtual long now() = 0;
};
struct SystemSource : Source {
  long now() override { return 0; }
};
inline SystemSource system_source;
thread_local Source *current_source = &system_source;

class ScopedCache : public Source {
public:
  ScopedCache() : previous_(current_source) { current_source = this; }
  ~ScopedCache() { current_source = previous_; }
  long now() override { return cached_; }

private:
  Source *const previous_;
  long cached_ = 0;
};

long now() { return current_source->now(); }
} // namespace timing

void timer_loop() { timing::now(); }

void start_timers() {
  timing::ScopedCache cache;
  std::thread t(timer_loop);
  t.join();
}
// CONFIGURED: :[[@LINE-3]]:15: warning: thread-local 'timing::current_source' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CONFIGURED: :[[@LINE-8]]:29: note: 'timer_loop' calls 'timing::now' here
// CONFIGURED: :[[@LINE-12]]:21: note: 'timing::now' reads thread-local 'timing::current_source' here

// An object that installs itself without saving the previous value is a
// current-request pointer like any other: still context.
struct Request;
thread_local Request *current_request = nullptr;
struct Request {
  int id = 0;
  Request() { current_request = this; }
};

int request_id() { return current_request ? current_request->id : -1; }

void audit() { request_id(); }

void handle() {
  Request r;
  std::thread t(audit);
  t.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-local 'current_request' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-8]]:16: note: 'audit' calls 'request_id' here
// CHECK: :[[@LINE-11]]:27: note: 'request_id' reads thread-local 'current_request' here
