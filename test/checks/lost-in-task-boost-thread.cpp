// RUN: sed -e 's,// [A-Z-]*:.*,,' %s > %t.cpp
// RUN: %clang_tidy_plugin %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// boost::thread, against Debian's real headers (libboost-dev): like
// std::thread.

#include <boost/thread/thread.hpp>
#include <ctxloss/context.h>
#include <string>

thread_local std::string request_id;
void begin(const std::string &Id) { request_id = Id; }
void log_line() { (void)request_id.size(); }

void spawns() {
  boost::thread A(log_line);
  // CHECK: :[[@LINE-1]]:17: warning: thread-local 'request_id' is read in a task started by 'boost::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :16:25: note: 'log_line' reads thread-local 'request_id' here
  boost::thread B([Rid = request_id] {
    ctxloss::scoped_value Restore(request_id, Rid);
    log_line();
  });
  A.join();
  B.join();
}
