// RUN: rm -rf %t && mkdir -p %t && sed -e 's,// [A-Z-]*:.*,,' %s > %t/input.cpp
// RUN: cp %s %t/copy.cpp && cp %s %t/explicit.cpp
// RUN: %ctxloss_tidy %t/copy.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   -- -std=c++17 -I%ctxloss_include > %t/out.txt
// RUN: FileCheck %s --check-prefix=COPY --match-full-lines < %t/copy.cpp
// RUN: %ctxloss_tidy %t/explicit.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   --config="{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++17 > %t/out.txt
// RUN: FileCheck %s --check-prefix=EXPLICIT --match-full-lines < %t/explicit.cpp
// RUN: %ctxloss_tidy %t/input.cpp --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++17 | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefix=NOTES \
// RUN:   --implicit-check-not='{{^[^ |]*:[0-9]+:[0-9]+: (warning|note|error):}}'
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall -Wshadow-all \
// RUN:   -I%ctxloss_include %t/copy.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall -Wshadow-all \
// RUN:   %t/explicit.cpp
// RUN: %ctxloss_tidy %t/copy.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 -I%ctxloss_include | count 0
// RUN: %ctxloss_tidy %t/explicit.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 | count 0

// A spawn in a function template instantiated twice is one finding and gets
// one fix, written in the template; a generic lambda task likewise. Both
// tasks call log_event: one explicit-parameter fix, offered at the first
// spawn, threads the value into both.

#include <string>
#include <thread>

thread_local std::string request_id;

void enter(const std::string &Id) { request_id = Id; }
void log_event(int Order) { (void)request_id.size(), (void)Order; }

template <typename T> void process(T Value) {
  std::thread W([Value] { log_event(static_cast<int>(Value)); });
  // COPY: std::thread W([Value, ctx_request_id = request_id] { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); log_event(static_cast<int>(Value)); });
  // EXPLICIT: std::thread W([Value, ctx_request_id = request_id] { log_event(static_cast<int>(Value), ctx_request_id); });
  // NOTES: :[[@LINE-3]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // NOTES: :[[@LINE-4]]:27: note: the lambda calls 'log_event' here
  // NOTES: :34:35: note: 'log_event' reads thread-local 'request_id' here
  W.join();
}

void generic(int A, double B) {
  auto Task = [](auto Value) { log_event(static_cast<int>(Value)); };
  std::thread X([](auto Value) { log_event(static_cast<int>(Value)); }, A);
  // COPY: std::thread X([ctx_request_id = request_id](auto Value) { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); log_event(static_cast<int>(Value)); }, A);
  // EXPLICIT: std::thread X([ctx_request_id = request_id](auto Value) { log_event(static_cast<int>(Value), ctx_request_id); }, A);
  // NOTES: :[[@LINE-3]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // NOTES: :[[@LINE-4]]:34: note: the lambda calls 'log_event' here
  // NOTES: :34:35: note: 'log_event' reads thread-local 'request_id' here
  // NOTES: :37:15: note: the explicit-parameter fix-it of the spawn here also threads the value into this task (their call chains share functions)
  X.join();
  Task(B);
}

void use() {
  process(1);
  process(2.0);
}
