// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 -isystem %S/Inputs/spdlog-mdc -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK,LOGGING --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 -isystem %S/Inputs/spdlog-mdc -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK,LOGGING --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// A pattern that does not print the MDC: logging calls read no context
// under 'auto', and do under 'true'.
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 -isystem %S/Inputs/spdlog-mdc -I%ctxloss_include -DPATTERN_WITHOUT_CONTEXT \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 -isystem %S/Inputs/spdlog-mdc -I%ctxloss_include -DPATTERN_WITHOUT_CONTEXT \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.LoggingReadsContext: 'true'}}" \
// RUN:   -- -std=c++17 -isystem %S/Inputs/spdlog-mdc -I%ctxloss_include -DPATTERN_WITHOUT_CONTEXT \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK,LOGGING --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.LoggingReadsContext: 'true'}}" \
// RUN:   -- -std=c++17 -isystem %S/Inputs/spdlog-mdc -I%ctxloss_include -DPATTERN_WITHOUT_CONTEXT \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK,LOGGING --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// Without the spdlog profile, nothing here is context.
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.Profiles: 'thread-local;opentelemetry;folly;log4cxx;python'}}" \
// RUN:   -- -std=c++17 -isystem %S/Inputs/spdlog-mdc -I%ctxloss_include | count 0
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.Profiles: 'thread-local;opentelemetry;folly;log4cxx;python'}}" \
// RUN:   -- -std=c++17 -isystem %S/Inputs/spdlog-mdc -I%ctxloss_include | count 0

// spdlog's MDC, against Debian's real spdlog headers (libspdlog-dev) and the
// declared API of <spdlog/mdc.h>, which Debian's 1.10 predates: the map is
// per thread, and a thread started by the program starts with it empty.

#include <ctxloss/context.h>
#include <functional>
#include <future>
#include <spdlog/mdc.h>
#include <spdlog/spdlog.h>
#include <string>
#include <thread>

void configure() {
#ifdef PATTERN_WITHOUT_CONTEXT
  spdlog::set_pattern("[%l] %v");
#else
  spdlog::set_pattern("[%&] %v");
#endif
}

std::string current_user() { return spdlog::mdc::get("user"); }
std::string describe() { return "user " + current_user(); }
void audit() { spdlog::info("audit"); }

struct WorkerPool {
  void submit(std::function<void()> Task) { std::thread(std::move(Task)).detach(); }
};

// A direct read, a read two calls down, logging calls.
void lost(std::shared_ptr<spdlog::logger> Logger) {
  std::thread Direct([] { (void)spdlog::mdc::get("user"); });
  // CHECK: :[[@LINE-1]]:15: warning: spdlog MDC context is read in a task started by 'std::thread' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:46: note: the lambda reads spdlog MDC context through 'spdlog::mdc::get' here
  // CHECK: :[[@LINE-3]]:15: note: to carry spdlog MDC context over, copy 'spdlog::mdc::get_context()' at the spawn and restore it in the task with 'ctxloss::scoped_value'
  Direct.join();
  std::thread Chain([] { (void)describe(); });
  // CHECK: :[[@LINE-1]]:15: warning: spdlog MDC context is read in a task started by 'std::thread' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:32: note: the lambda calls 'describe' here
  // CHECK: :52:43: note: 'describe' calls 'current_user' here
  // CHECK: :51:50: note: 'current_user' reads spdlog MDC context through 'spdlog::mdc::get' here
  // CHECK: :[[@LINE-5]]:15: note: to carry spdlog MDC context over, copy 'spdlog::mdc::get_context()' at the spawn and restore it in the task with 'ctxloss::scoped_value'
  Chain.join();
  auto Logged = std::async(std::launch::async, audit);
  // LOGGING: :[[@LINE-1]]:17: warning: spdlog MDC context is read in a task started by 'std::async' but it is not carried over from the spawning thread [context-lost-in-task]
  // LOGGING: :53:24: note: 'audit' reads spdlog MDC context through 'spdlog::info' here: {{the logging pattern prints it|logging calls read it \(LoggingReadsContext\)}}
  // LOGGING: :[[@LINE-3]]:17: note: to carry spdlog MDC context over, copy 'spdlog::mdc::get_context()' at the spawn and restore it in the task with 'ctxloss::scoped_value'
  Logged.wait();
  auto Member = std::async(std::launch::async, [Logger] { Logger->warn("slow: {}", 3); });
  // LOGGING: :[[@LINE-1]]:17: warning: spdlog MDC context is read in a task started by 'std::async' but it is not carried over from the spawning thread [context-lost-in-task]
  // LOGGING: :[[@LINE-2]]:67: note: the lambda reads spdlog MDC context through 'spdlog::logger::warn' here: {{the logging pattern prints it|logging calls read it \(LoggingReadsContext\)}}
  // LOGGING: :[[@LINE-3]]:17: note: to carry spdlog MDC context over, copy 'spdlog::mdc::get_context()' at the spawn and restore it in the task with 'ctxloss::scoped_value'
  Member.wait();
}

void pool(WorkerPool &Pool) {
  Pool.submit([] { spdlog::info("queued {}", 1); });
  // LOGGING: :[[@LINE-1]]:3: warning: spdlog MDC context is read in a task started by 'WorkerPool::submit' but it is not carried over from the spawning thread [context-lost-in-task]
  // LOGGING: :[[@LINE-2]]:28: note: the lambda reads spdlog MDC context through 'spdlog::info' here: {{the logging pattern prints it|logging calls read it \(LoggingReadsContext\)}}
  // LOGGING: :[[@LINE-3]]:3: note: to carry spdlog MDC context over, copy 'spdlog::mdc::get_context()' at the spawn and restore it in the task with 'ctxloss::scoped_value'
  Pool.submit([] { (void)describe(); });
  // CHECK: :[[@LINE-1]]:3: warning: spdlog MDC context is read in a task started by 'WorkerPool::submit' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:26: note: the lambda calls 'describe' here
  // CHECK: :52:43: note: 'describe' calls 'current_user' here
  // CHECK: :51:50: note: 'current_user' reads spdlog MDC context through 'spdlog::mdc::get' here
  // CHECK: :[[@LINE-5]]:3: note: to carry spdlog MDC context over, copy 'spdlog::mdc::get_context()' at the spawn and restore it in the task with 'ctxloss::scoped_value'
}

// Restored in the task before the read: silent.
void restored(WorkerPool &Pool) {
  Pool.submit([Ctx = spdlog::mdc::get_context()] {
    ctxloss::scoped_value Restore(spdlog::mdc::get_context(), Ctx);
    (void)describe();
    audit();
  });
  Pool.submit([User = spdlog::mdc::get("user")] {
    spdlog::mdc::put("user", User);
    (void)describe();
    audit();
  });
  std::thread Assigned([Ctx = spdlog::mdc::get_context()] {
    spdlog::mdc::get_context() = Ctx;
    (void)describe();
  });
  Assigned.join();
}

// A guard restores for its scope only, and a restore on one branch does
// not dominate the read.
void restored_too_little(WorkerPool &Pool, bool Admin) {
  Pool.submit([Ctx = spdlog::mdc::get_context()] {
    {
      ctxloss::scoped_value Restore(spdlog::mdc::get_context(), Ctx);
    }
    (void)describe();
  });
  // CHECK: :[[@LINE-6]]:3: warning: spdlog MDC context is read in a task started by 'WorkerPool::submit' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-3]]:11: note: the lambda calls 'describe' here
  // CHECK: :52:43: note: 'describe' calls 'current_user' here
  // CHECK: :51:50: note: 'current_user' reads spdlog MDC context through 'spdlog::mdc::get' here
  // CHECK: :[[@LINE-10]]:3: note: to carry spdlog MDC context over, copy 'spdlog::mdc::get_context()' at the spawn and restore it in the task with 'ctxloss::scoped_value'
  Pool.submit([User = spdlog::mdc::get("user"), Admin] {
    if (Admin)
      spdlog::mdc::put("user", User);
    (void)describe();
  });
  // CHECK: :[[@LINE-5]]:3: warning: spdlog MDC context is read in a task started by 'WorkerPool::submit' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-3]]:11: note: the lambda calls 'describe' here
  // CHECK: :52:43: note: 'describe' calls 'current_user' here
  // CHECK: :51:50: note: 'current_user' reads spdlog MDC context through 'spdlog::mdc::get' here
  // CHECK: :[[@LINE-9]]:3: note: to carry spdlog MDC context over, copy 'spdlog::mdc::get_context()' at the spawn and restore it in the task with 'ctxloss::scoped_value'
}

// Read on the spawning thread only: silent.
void spawner_reads() {
  (void)describe();
  audit();
  std::thread Unrelated([] {});
  Unrelated.join();
}
