// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' \
// RUN:   --fix-errors -- -std=c++17 | FileCheck %s
// RUN: diff %s %t/fixed.cpp
// In C (no lambdas, no default arguments) no fix is offered.
// RUN: cp %S/Inputs/c-task.c %t/task.c
// RUN: %ctxloss_tidy %t/task.c --checks='-*,context-lost-in-task' --fix \
// RUN:   -- -std=c11 | FileCheck %s --check-prefix=IN-C
// RUN: diff %S/Inputs/c-task.c %t/task.c

// A translation unit with compile errors gets its warnings but no fix-it,
// even with --fix-errors: edits made on an AST with errors can be wrong.

#include <string>
#include <thread>

thread_local std::string request_id;

void set_request(const std::string &Id) { request_id = Id; }
void log_event() { (void)request_id.size(); }

void spawn() {
  std::thread T([] { log_event(); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK-NOT: FIX-IT
  T.join();
  undeclared_function();
  // CHECK: :[[@LINE-1]]:3: error: use of undeclared identifier 'undeclared_function'
}

// IN-C: :{{[0-9]+}}:3: warning: thread-local 'request_id' is read in a task started by 'pthread_create'
// IN-C-NOT: FIX-IT
