// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%S/Inputs \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%S/Inputs \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Reads in inline functions and templates defined in an included header.

#include "request_log.h"
#include <thread>

namespace svc {
thread_local std::string current_user;
}

void handler() {
  std::thread A([] { svc::audit("refund"); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'svc::current_user' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:27: note: the lambda calls 'svc::audit' here
  // CHECK: request_log.h:15:9: note: 'svc::audit' reads thread-local 'svc::current_user' here
  std::thread B([] { svc::audit_value(42); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'svc::current_user' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:27: note: the lambda calls 'svc::audit_value' here
  // CHECK: request_log.h:18:53: note: 'svc::audit_value' calls 'svc::audit' here
  // CHECK: request_log.h:15:9: note: 'svc::audit' reads thread-local 'svc::current_user' here
  A.join();
  B.join();
}
