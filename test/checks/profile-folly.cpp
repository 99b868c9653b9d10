// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 -isystem %inputs/declared \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 -isystem %inputs/declared \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// The folly profile: folly::RequestContext is per thread. folly's own
// executors capture it when a task is added and restore it when the task
// runs, so they carry it over; a raw std::thread does not.

#include <thread>
#include "folly/executors/CPUThreadPoolExecutor.h"
#include "folly/io/async/Request.h"
#include "opentelemetry/context/runtime_context.h"

void log_request() {
  if (auto *Ctx = folly::RequestContext::try_get())
    Ctx->getContextData("user");
}

void handle() { log_request(); }

void raw_thread() {
  std::thread T(handle);
  // CHECK: :[[@LINE-1]]:15: warning: folly RequestContext is read in a task started by 'std::thread' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :20:17: note: 'handle' calls 'log_request' here
  // CHECK: :16:42: note: 'log_request' reads folly RequestContext through 'folly::RequestContext::try_get' here
  // CHECK: :[[@LINE-4]]:15: note: to carry folly RequestContext over, capture 'folly::RequestContext::saveContext()' at the spawn and restore it in the task with a 'folly::RequestContextScopeGuard'
  std::thread U([] { folly::RequestContext::get()->getContextData("user"); });
  // CHECK: :[[@LINE-1]]:15: warning: folly RequestContext is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:45: note: the lambda reads folly RequestContext through 'folly::RequestContext::get' here
  // CHECK: :[[@LINE-3]]:15: note: to carry folly RequestContext over,
  T.join();
  U.join();
}

// folly's executors propagate the RequestContext: silent. They carry
// nothing else: a thread-local of the program's own is still lost.
thread_local int tenant;
void enter(int T) { tenant = T; }

void folly_executor(folly::CPUThreadPoolExecutor &Pool) {
  Pool.add([] { handle(); });
  folly::Executor &Base = Pool;
  Base.add(handle);
  Pool.add([] { handle(); (void)tenant; });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'folly::CPUThreadPoolExecutor::add' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:33: note: the lambda reads thread-local 'tenant' here
}

void restored() {
  std::thread Guarded([Ctx = folly::RequestContext::saveContext()] {
    folly::RequestContextScopeGuard Guard(Ctx);
    handle();
  });
  std::thread Set([Ctx = folly::RequestContext::saveContext()] {
    folly::RequestContext::setContext(Ctx);
    handle();
  });
  Guarded.join();
  Set.join();
}

void not_restored(bool Flag) {
  // A guard without the snapshot starts a new, empty context.
  std::thread Fresh([] {
    folly::RequestContextScopeGuard Guard;
    handle();
  });
  // CHECK: :[[@LINE-4]]:15: warning: folly RequestContext is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-3]]:5: note: the lambda calls 'handle' here
  // CHECK: :20:17: note: 'handle' calls 'log_request' here
  // CHECK: :16:42: note: 'log_request' reads folly RequestContext
  // CHECK: :[[@LINE-8]]:15: note: to carry folly RequestContext over,
  std::thread OneBranch([Flag, Ctx = folly::RequestContext::saveContext()] {
    if (Flag)
      folly::RequestContext::setContext(Ctx);
    handle();
  });
  // CHECK: :[[@LINE-5]]:15: warning: folly RequestContext is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-3]]:5: note: the lambda calls 'handle' here
  // CHECK: :20:17: note: 'handle' calls 'log_request' here
  // CHECK: :16:42: note: 'log_request' reads folly RequestContext
  // CHECK: :[[@LINE-9]]:15: note: to carry folly RequestContext over,
  Fresh.join();
  OneBranch.join();
}

// One profile's snapshot does not carry another's: the OpenTelemetry context
// is restored, the folly RequestContext is still lost.
void other_profile() {
  std::thread T(
      [Ctx = opentelemetry::context::RuntimeContext::GetCurrent()] {
        auto Token = opentelemetry::context::RuntimeContext::Attach(Ctx);
        opentelemetry::context::RuntimeContext::GetValue("span");
        handle();
      });
  // CHECK: :[[@LINE-6]]:15: warning: folly RequestContext is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-3]]:9: note: the lambda calls 'handle' here
  // CHECK: :20:17: note: 'handle' calls 'log_request' here
  // CHECK: :16:42: note: 'log_request' reads folly RequestContext
  // CHECK: :[[@LINE-10]]:15: note: to carry folly RequestContext over,
  T.join();
}
