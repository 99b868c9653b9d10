// RUN: %clang_tidy_plugin %s --checks='-*,context-write-lost-in-task' \
// RUN:   -- -std=c++17 -isystem %S/Inputs/spdlog-mdc -isystem %inputs/declared -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-write-lost-in-task' \
// RUN:   -- -std=c++17 -isystem %S/Inputs/spdlog-mdc -isystem %inputs/declared -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// Without the profiles, these contexts are not known.
// RUN: %ctxloss_tidy %s --checks='-*,context-write-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-write-lost-in-task.Profiles: 'thread-local'}}" \
// RUN:   -- -std=c++17 -isystem %S/Inputs/spdlog-mdc -isystem %inputs/declared -I%ctxloss_include | count 0

// Context libraries' writes in a task, read by the thread that waited for
// it: log4cxx's MDC (Debian's real headers), spdlog's MDC, folly's
// RequestContext and OpenTelemetry's RuntimeContext (declared API surface).

#include <ctxloss/context.h>
#include <folly/io/async/Request.h>
#include <future>
#include <log4cxx/mdc.h>
#include <memory>
#include <opentelemetry/context/runtime_context.h>
#include <spdlog/mdc.h>
#include <string>
#include <thread>

namespace context = opentelemetry::context;

std::string current_user() { return log4cxx::MDC::get("user"); }
void use(const std::string &);

// Positive: log4cxx::MDC::put in the task, MDC::get after the join.
void log4cxx_put() {
  std::thread T([] { log4cxx::MDC::put("user", "alice"); });
  T.join();
  use(log4cxx::MDC::get("user"));
  // CHECK: :[[@LINE-1]]:21: warning: log4cxx MDC/NDC context is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :33:15: note: 'log4cxx_put' starts the task with 'std::thread' here
  // CHECK: :33:36: note: the lambda writes log4cxx MDC/NDC context through 'log4cxx::MDC::put' here
  // CHECK: :34:5: note: 'log4cxx_put' waits for the task with 'join' here
  // CHECK: :[[@LINE-5]]:21: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: the read is down a call chain.
void log4cxx_chain() {
  auto F = std::async(std::launch::async,
                      [] { log4cxx::MDC::put("user", "bob"); });
  F.wait();
  use(current_user());
  // CHECK: :[[@LINE-1]]:7: warning: log4cxx MDC/NDC context is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :45:12: note: 'log4cxx_chain' starts the task with 'std::async' here
  // CHECK: :46:42: note: the lambda writes log4cxx MDC/NDC context through 'log4cxx::MDC::put' here
  // CHECK: :47:5: note: 'log4cxx_chain' waits for the task with 'wait' here
  // CHECK: :[[@LINE-5]]:7: note: 'log4cxx_chain' calls 'current_user' here
  // CHECK: :28:51: note: 'current_user' reads log4cxx MDC/NDC context through 'log4cxx::MDC::get' here
  // CHECK: :[[@LINE-7]]:7: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: spdlog::mdc::put in the task.
void spdlog_put() {
  std::thread T([] { spdlog::mdc::put("user", "carol"); });
  T.join();
  use(spdlog::mdc::get("user"));
  // CHECK: :[[@LINE-1]]:20: warning: spdlog MDC context is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :60:15: note: 'spdlog_put' starts the task with 'std::thread' here
  // CHECK: :60:35: note: the lambda writes spdlog MDC context through 'spdlog::mdc::put' here
  // CHECK: :61:5: note: 'spdlog_put' waits for the task with 'join' here
  // CHECK: :[[@LINE-5]]:20: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: folly::RequestContext::setContext in the task, never reset.
void folly_set() {
  std::thread T([] {
    folly::RequestContext::setContext(std::make_shared<folly::RequestContext>());
  });
  T.join();
  (void)folly::RequestContext::get();
  // CHECK: :[[@LINE-1]]:32: warning: folly RequestContext is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :72:15: note: 'folly_set' starts the task with 'std::thread' here
  // CHECK: :73:28: note: the lambda writes folly RequestContext through 'folly::RequestContext::setContext' here
  // CHECK: :75:5: note: 'folly_set' waits for the task with 'join' here
  // CHECK: :[[@LINE-5]]:32: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: an OpenTelemetry context attached in the task, whose token is
// kept past the task's end.
std::unique_ptr<context::Token> kept_token;
void otel_attach_kept(context::Context Ctx) {
  std::thread T([Ctx] { kept_token = context::RuntimeContext::Attach(Ctx); });
  T.join();
  (void)context::RuntimeContext::GetCurrent();
  // CHECK: :[[@LINE-1]]:34: warning: OpenTelemetry context is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :88:15: note: 'otel_attach_kept' starts the task with 'std::thread' here
  // CHECK: :88:63: note: the lambda writes OpenTelemetry context through 'opentelemetry::context::RuntimeContext::Attach' here
  // CHECK: :89:5: note: 'otel_attach_kept' waits for the task with 'join' here
  // CHECK: :[[@LINE-5]]:34: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Negative: a log4cxx MDC guard ends with the task's scope.
void log4cxx_guard() {
  std::thread T([] {
    log4cxx::MDC Guard("user", "dave");
    (void)current_user();
  });
  T.join();
  use(current_user());
}

// Negative: the token of RuntimeContext::Attach lives in the task only.
void otel_attach_scoped(context::Context Ctx) {
  std::thread T([Ctx] {
    auto Token = context::RuntimeContext::Attach(Ctx);
    (void)context::RuntimeContext::GetCurrent();
  });
  T.join();
  (void)context::RuntimeContext::GetCurrent();
}

// Negative: folly's scope guard restores the previous context.
void folly_guard() {
  std::thread T([] {
    folly::RequestContextScopeGuard Guard;
    (void)folly::RequestContext::get();
  });
  T.join();
  (void)folly::RequestContext::get();
}

// Negative: the caller puts the task's result in its own MDC.
void spdlog_returned() {
  auto F = std::async(std::launch::async, [] { return std::string("erin"); });
  spdlog::mdc::put("user", F.get());
  use(spdlog::mdc::get("user"));
}

// Negative: spdlog's MDC restored in the task with ctxloss::scoped_value.
void spdlog_scoped() {
  std::thread T([] {
    ctxloss::scoped_value Guard(spdlog::mdc::get_context(),
                                spdlog::mdc::get_context());
    spdlog::mdc::put("user", "frank");
  });
  T.join();
  use(spdlog::mdc::get("user"));
}
