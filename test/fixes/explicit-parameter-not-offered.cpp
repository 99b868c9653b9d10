// RUN: rm -rf %t && mkdir -p %t && sed -e 's,// [A-Z-]*:.*,,' %s > %t/input.cpp
// RUN: %ctxloss_tidy %t/input.cpp --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ |]*:[0-9]+:[0-9]+: (warning|note|error):}}'
// With --fix-notes, the copy-and-run alternative (on the note that shows the
// read, the only note with a fix) is applied instead.
// RUN: cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix-notes \
// RUN:   --config="{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall \
// RUN:   -I%ctxloss_include %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 -I%ctxloss_include | count 0

// Where the explicit-parameter fix would be wrong or could not compile, it
// is not offered and a note says why.

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

// FIXED: #include <ctxloss/context.h>

thread_local std::string request_id;

void enter(const std::string &Id) { request_id = Id; }
void log_event() { (void)request_id.size(); }

struct Sink {
  virtual void write() = 0;
  virtual ~Sink() = default;
};
struct FileSink final : Sink {
  void write() override { log_event(); }
};

void virtual_function(FileSink *S) {
  std::thread T([S] { S->write(); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:26: note: the lambda calls 'FileSink::write' here
  // CHECK: :[[@LINE-7]]:27: note: 'FileSink::write' calls 'log_event' here
  // CHECK: :[[@LINE-15]]:26: note: 'log_event' reads thread-local 'request_id' here
  // CHECK: :[[@LINE-9]]:8: note: no explicit-parameter fix-it: 'FileSink::write' is virtual
  // FIXED: std::thread T([S, ctx_request_id = request_id] { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); S->write(); });
  T.join();
}

void audit() { log_event(); }
void (*AuditHook)() = audit;

void address_taken() {
  std::thread T([] { audit(); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:22: note: the lambda calls 'audit' here
  // CHECK: :[[@LINE-7]]:16: note: 'audit' calls 'log_event' here
  // CHECK: :31:26: note: 'log_event' reads thread-local 'request_id' here
  // CHECK: :[[@LINE-8]]:23: note: no explicit-parameter fix-it: the address of 'audit' is taken here
  T.join();
}

template <typename T> void trace(T) { log_event(); }

void function_template() {
  std::thread T([] { trace(1); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:22: note: the lambda calls 'trace' here
  // CHECK: :[[@LINE-6]]:39: note: 'trace' calls 'log_event' here
  // CHECK: :31:26: note: 'log_event' reads thread-local 'request_id' here
  // CHECK: :[[@LINE-8]]:28: note: no explicit-parameter fix-it: 'trace' is a template
  T.join();
}

#define DECLARE_HANDLER(Name) void Name() { log_event(); }
DECLARE_HANDLER(macro_handler)

void declared_by_macro() {
  std::thread T([] { macro_handler(); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:22: note: the lambda calls 'macro_handler' here
  // CHECK: :[[@LINE-6]]:1: note: 'macro_handler' calls 'log_event' here
  // CHECK: :31:26: note: 'log_event' reads thread-local 'request_id' here
  // CHECK: :[[@LINE-8]]:1: note: no explicit-parameter fix-it: 'macro_handler' is declared by a macro
  T.join();
}

void writes_too() {
  std::thread T([] {
    (void)request_id.size();
    request_id.clear();
  });
  // CHECK: :[[@LINE-4]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-4]]:11: note: the lambda reads thread-local 'request_id' here
  // CHECK: :[[@LINE-6]]:17: note: no explicit-parameter fix-it: the task also writes 'request_id'
  T.join();
}

void through_algorithm(std::vector<int> Orders) {
  std::thread T([Orders] {
    std::for_each(Orders.begin(), Orders.end(), [](int) { log_event(); });
  });
  // CHECK: :[[@LINE-3]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-3]]:49: note: the lambda runs the lambda through 'std::for_each' here
  // CHECK: :[[@LINE-4]]:59: note: the lambda calls 'log_event' here
  // CHECK: :31:26: note: 'log_event' reads thread-local 'request_id' here
  // CHECK: :[[@LINE-6]]:49: note: no explicit-parameter fix-it: the lambda is called through 'std::for_each'
  T.join();
}

// Fine on its own, but log_event is on the other tasks' chains too: one fix
// would have to thread them all.
void shares_a_function() {
  std::thread T([] { log_event(); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:22: note: the lambda calls 'log_event' here
  // CHECK: :31:26: note: 'log_event' reads thread-local 'request_id' here
  // CHECK: :103:49: note: no explicit-parameter fix-it: the call chain shares functions with another task's, where the lambda is called through 'std::for_each'
  T.join();
}

void log_level(int Level = 0) { (void)request_id.size(), (void)Level; }

void default_argument_left_out() {
  std::thread T([] { log_level(); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:22: note: the lambda calls 'log_level' here
  // CHECK: :[[@LINE-6]]:39: note: 'log_level' reads thread-local 'request_id' here
  // CHECK: :[[@LINE-4]]:22: note: no explicit-parameter fix-it: a call of 'log_level' leaves out default arguments
  T.join();
}

void early_log();
thread_local int late_tenant = 0;
void set_late(int T) { late_tenant = T; }
void early_log() { (void)late_tenant; }

void declared_after() {
  std::thread T([] { early_log(); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'late_tenant' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:22: note: the lambda calls 'early_log' here
  // CHECK: :[[@LINE-6]]:26: note: 'early_log' reads thread-local 'late_tenant' here
  // CHECK: :[[@LINE-7]]:6: note: no explicit-parameter fix-it: 'late_tenant' is declared after 'early_log'
  T.join();
}
