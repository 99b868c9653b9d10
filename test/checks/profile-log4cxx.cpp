// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK,LOGGING --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK,LOGGING --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// A pattern that does not print the MDC/NDC: logging calls read no context
// under 'auto', and do under 'true'.
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 -DPATTERN_WITHOUT_CONTEXT \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 -DPATTERN_WITHOUT_CONTEXT \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.LoggingReadsContext: 'true'}}" \
// RUN:   -- -std=c++17 -DPATTERN_WITHOUT_CONTEXT \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK,LOGGING --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.LoggingReadsContext: 'true'}}" \
// RUN:   -- -std=c++17 -DPATTERN_WITHOUT_CONTEXT \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK,LOGGING --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// 'false' ignores the pattern.
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.LoggingReadsContext: 'false'}}" \
// RUN:   -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// Without the log4cxx profile, nothing here is context.
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.Profiles: 'thread-local;opentelemetry;folly;spdlog;python'}}" \
// RUN:   -- -std=c++17 | count 0
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.Profiles: 'thread-local;opentelemetry;folly;spdlog;python'}}" \
// RUN:   -- -std=c++17 | count 0

// log4cxx's MDC and NDC, against Debian's real headers (liblog4cxx-dev):
// both are per thread, and a thread started by the program starts with
// them empty.

#include <functional>
#include <future>
#include <log4cxx/logger.h>
#include <log4cxx/mdc.h>
#include <log4cxx/ndc.h>
#include <log4cxx/patternlayout.h>
#include <string>
#include <thread>

static log4cxx::LoggerPtr logger = log4cxx::Logger::getLogger("app");

log4cxx::LayoutPtr make_layout() {
#ifdef PATTERN_WITHOUT_CONTEXT
  return log4cxx::LayoutPtr(new log4cxx::PatternLayout("%d %-5p %c - %m%n"));
#else
  return log4cxx::LayoutPtr(new log4cxx::PatternLayout("%d %-5p [%X{user}] %c - %m%n"));
#endif
}

std::string current_user() { return log4cxx::MDC::get("user"); }
std::string describe() { return "user " + current_user(); }
void audit() { LOG4CXX_INFO(logger, "audit"); }
std::string request_path() { return log4cxx::NDC::peek(); }

struct WorkerPool {
  void submit(std::function<void()> Task) { std::thread(std::move(Task)).detach(); }
};

// A direct read, a read two calls down, a logging call and the NDC.
void lost() {
  std::thread Direct([] { (void)log4cxx::MDC::get("user"); });
  // CHECK: :[[@LINE-1]]:15: warning: log4cxx MDC/NDC context is read in a task started by 'std::thread' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:47: note: the lambda reads log4cxx MDC/NDC context through 'log4cxx::MDC::get' here
  // CHECK: :[[@LINE-3]]:15: note: to carry log4cxx MDC/NDC context over, copy the values the task needs with 'log4cxx::MDC::get' (or the NDC with 'log4cxx::NDC::cloneStack()') at the spawn and set them in the task with a 'log4cxx::MDC' guard (or 'log4cxx::NDC::inherit')
  Direct.join();
  std::thread Chain([] { (void)describe(); });
  // CHECK: :[[@LINE-1]]:15: warning: log4cxx MDC/NDC context is read in a task started by 'std::thread' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:32: note: the lambda calls 'describe' here
  // CHECK: :56:43: note: 'describe' calls 'current_user' here
  // CHECK: :55:51: note: 'current_user' reads log4cxx MDC/NDC context through 'log4cxx::MDC::get' here
  // CHECK: :[[@LINE-5]]:15: note: to carry log4cxx MDC/NDC context over, copy the values the task needs with 'log4cxx::MDC::get' (or the NDC with 'log4cxx::NDC::cloneStack()') at the spawn and set them in the task with a 'log4cxx::MDC' guard (or 'log4cxx::NDC::inherit')
  Chain.join();
  auto Logged = std::async(std::launch::async, [] { audit(); });
  // LOGGING: :[[@LINE-1]]:17: warning: log4cxx MDC/NDC context is read in a task started by 'std::async' but it is not carried over from the spawning thread [context-lost-in-task]
  // LOGGING: :[[@LINE-2]]:53: note: the lambda calls 'audit' here
  // LOGGING: :57:16: note: 'audit' reads log4cxx MDC/NDC context through 'log4cxx::Logger::forcedLog' here: {{the logging pattern prints it|logging calls read it \(LoggingReadsContext\)}}
  // LOGGING: :[[@LINE-4]]:17: note: to carry log4cxx MDC/NDC context over, copy the values the task needs with 'log4cxx::MDC::get' (or the NDC with 'log4cxx::NDC::cloneStack()') at the spawn and set them in the task with a 'log4cxx::MDC' guard (or 'log4cxx::NDC::inherit')
  Logged.wait();
  auto Path = std::async(std::launch::async, request_path);
  // CHECK: :[[@LINE-1]]:15: warning: log4cxx MDC/NDC context is read in a task started by 'std::async' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :58:51: note: 'request_path' reads log4cxx MDC/NDC context through 'log4cxx::NDC::peek' here
  // CHECK: :[[@LINE-3]]:15: note: to carry log4cxx MDC/NDC context over, copy the values the task needs with 'log4cxx::MDC::get' (or the NDC with 'log4cxx::NDC::cloneStack()') at the spawn and set them in the task with a 'log4cxx::MDC' guard (or 'log4cxx::NDC::inherit')
  (void)Path.get();
}

void pool(WorkerPool &Pool) {
  Pool.submit([] { LOG4CXX_INFO(logger, "queued"); });
  // LOGGING: :[[@LINE-1]]:3: warning: log4cxx MDC/NDC context is read in a task started by 'WorkerPool::submit' but it is not carried over from the spawning thread [context-lost-in-task]
  // LOGGING: :[[@LINE-2]]:20: note: the lambda reads log4cxx MDC/NDC context through 'log4cxx::Logger::forcedLog' here: {{the logging pattern prints it|logging calls read it \(LoggingReadsContext\)}}
  // LOGGING: :[[@LINE-3]]:3: note: to carry log4cxx MDC/NDC context over, copy the values the task needs with 'log4cxx::MDC::get' (or the NDC with 'log4cxx::NDC::cloneStack()') at the spawn and set them in the task with a 'log4cxx::MDC' guard (or 'log4cxx::NDC::inherit')
  Pool.submit([] { (void)describe(); });
  // CHECK: :[[@LINE-1]]:3: warning: log4cxx MDC/NDC context is read in a task started by 'WorkerPool::submit' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:26: note: the lambda calls 'describe' here
  // CHECK: :56:43: note: 'describe' calls 'current_user' here
  // CHECK: :55:51: note: 'current_user' reads log4cxx MDC/NDC context through 'log4cxx::MDC::get' here
  // CHECK: :[[@LINE-5]]:3: note: to carry log4cxx MDC/NDC context over, copy the values the task needs with 'log4cxx::MDC::get' (or the NDC with 'log4cxx::NDC::cloneStack()') at the spawn and set them in the task with a 'log4cxx::MDC' guard (or 'log4cxx::NDC::inherit')
}

// Restored in the task before the read: silent.
void restored(WorkerPool &Pool) {
  Pool.submit([User = log4cxx::MDC::get("user")] {
    log4cxx::MDC::put("user", User);
    (void)describe();
    audit();
  });
  std::thread Guarded([User = log4cxx::MDC::get("user")] {
    log4cxx::MDC Guard("user", User);
    (void)describe();
    audit();
  });
  Guarded.join();
  std::thread Inherited([Stack = log4cxx::NDC::cloneStack()] {
    log4cxx::NDC::inherit(Stack);
    (void)request_path();
  });
  Inherited.join();
}

// A guard restores for its scope only, and a restore on one branch does
// not dominate the read.
void restored_too_little(WorkerPool &Pool, bool Admin) {
  Pool.submit([User = log4cxx::MDC::get("user")] {
    {
      log4cxx::MDC Guard("user", User);
    }
    (void)describe();
  });
  // CHECK: :[[@LINE-6]]:3: warning: log4cxx MDC/NDC context is read in a task started by 'WorkerPool::submit' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-3]]:11: note: the lambda calls 'describe' here
  // CHECK: :56:43: note: 'describe' calls 'current_user' here
  // CHECK: :55:51: note: 'current_user' reads log4cxx MDC/NDC context through 'log4cxx::MDC::get' here
  // CHECK: :[[@LINE-10]]:3: note: to carry log4cxx MDC/NDC context over, copy the values the task needs with 'log4cxx::MDC::get' (or the NDC with 'log4cxx::NDC::cloneStack()') at the spawn and set them in the task with a 'log4cxx::MDC' guard (or 'log4cxx::NDC::inherit')
  Pool.submit([User = log4cxx::MDC::get("user"), Admin] {
    if (Admin)
      log4cxx::MDC::put("user", User);
    (void)describe();
  });
  // CHECK: :[[@LINE-5]]:3: warning: log4cxx MDC/NDC context is read in a task started by 'WorkerPool::submit' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-3]]:11: note: the lambda calls 'describe' here
  // CHECK: :56:43: note: 'describe' calls 'current_user' here
  // CHECK: :55:51: note: 'current_user' reads log4cxx MDC/NDC context through 'log4cxx::MDC::get' here
  // CHECK: :[[@LINE-9]]:3: note: to carry log4cxx MDC/NDC context over, copy the values the task needs with 'log4cxx::MDC::get' (or the NDC with 'log4cxx::NDC::cloneStack()') at the spawn and set them in the task with a 'log4cxx::MDC' guard (or 'log4cxx::NDC::inherit')
}

// Read on the spawning thread only: silent.
void spawner_reads() {
  (void)describe();
  audit();
  std::thread Unrelated([] {});
  Unrelated.join();
}
