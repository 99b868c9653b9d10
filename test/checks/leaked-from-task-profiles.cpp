// RUN: %clang_tidy_plugin %s --checks='-*,context-leaked-from-task' \
// RUN:   -- -std=c++17 -isystem %inputs/declared -isystem %S/Inputs/spdlog-mdc -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-leaked-from-task' \
// RUN:   -- -std=c++17 -isystem %inputs/declared -isystem %S/Inputs/spdlog-mdc -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// The context of the built-in profiles left set by a task on a queue of the
// program: log4cxx's MDC and NDC and spdlog's MDC (Debian's real headers,
// spdlog's <spdlog/mdc.h> declared), folly's RequestContext and
// OpenTelemetry's context (declared APIs). What restores, per profile:
// log4cxx a 'log4cxx::MDC' object, 'MDC::remove' of the same key or
// 'MDC::clear', 'NDC::pop'; spdlog 'spdlog::mdc::remove' or 'clear';
// folly a 'RequestContextScopeGuard', 'setContext' of the context it
// returned or of null; OpenTelemetry the token of 'RuntimeContext::Attach'.

#include <folly/io/async/Request.h>
#include <functional>
#include <log4cxx/mdc.h>
#include <log4cxx/ndc.h>
#include <memory>
#include <opentelemetry/context/runtime_context.h>
#include <spdlog/mdc.h>
#include <string>

class JobQueue {
public:
  void enqueue(std::function<void()> Job);
};

void log4cxx_mdc(JobQueue &Q, std::string User) {
  Q.enqueue([User] {
    log4cxx::MDC::put("user", User);
    (void)log4cxx::MDC::get("user");
  });
  // CHECK: :[[@LINE-4]]:3: warning: log4cxx MDC/NDC context is left set by a task started by 'JobQueue::enqueue': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-4]]:19: note: the lambda sets log4cxx MDC/NDC context here
  // CHECK: :[[@LINE-3]]:3: note: the lambda ends here without restoring it
  // Removing another key leaves this one set.
  Q.enqueue([User] {
    log4cxx::MDC::put("user", User);
    (void)log4cxx::MDC::get("user");
    log4cxx::MDC::remove("tenant");
  });
  // CHECK: :[[@LINE-5]]:3: warning: log4cxx MDC/NDC context is left set by a task started by 'JobQueue::enqueue': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-5]]:19: note: the lambda sets log4cxx MDC/NDC context here
  // CHECK: :[[@LINE-3]]:3: note: the lambda ends here without restoring it
  // Not a bug: removed, cleared, or set by an MDC object.
  Q.enqueue([User] {
    log4cxx::MDC::put("user", User);
    (void)log4cxx::MDC::get("user");
    log4cxx::MDC::remove("user");
  });
  Q.enqueue([User] {
    log4cxx::MDC::put("user", User);
    (void)log4cxx::MDC::get("user");
    log4cxx::MDC::clear();
  });
  Q.enqueue([User] {
    log4cxx::MDC Guard("user", User);
    (void)log4cxx::MDC::get("user");
  });
}

void log4cxx_ndc(JobQueue &Q, std::string Op) {
  Q.enqueue([Op] {
    log4cxx::NDC::push(Op);
    (void)log4cxx::NDC::peek();
  });
  // CHECK: :[[@LINE-4]]:3: warning: log4cxx MDC/NDC context is left set by a task started by 'JobQueue::enqueue': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-4]]:19: note: the lambda sets log4cxx MDC/NDC context here
  // CHECK: :[[@LINE-3]]:3: note: the lambda ends here without restoring it
  // CHECK: :[[@LINE-6]]:5: note: no fix: 'log4cxx::NDC::push' has no scope guard of the same arguments
  // Not a bug: popped again.
  Q.enqueue([Op] {
    log4cxx::NDC::push(Op);
    (void)log4cxx::NDC::peek();
    log4cxx::NDC::pop();
  });
}

void spdlog_mdc(JobQueue &Q, std::string User) {
  Q.enqueue([User] {
    spdlog::mdc::put("user", User);
    (void)spdlog::mdc::get("user");
  });
  // CHECK: :[[@LINE-4]]:3: warning: spdlog MDC context is left set by a task started by 'JobQueue::enqueue': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-4]]:18: note: the lambda sets spdlog MDC context here
  // CHECK: :[[@LINE-3]]:3: note: the lambda ends here without restoring it
  // CHECK: :[[@LINE-6]]:5: note: no fix: spdlog has no scope guard for one MDC key; call 'spdlog::mdc::remove' with the key on every path out of the task
  // Not a bug: removed again.
  Q.enqueue([User] {
    spdlog::mdc::put("user", User);
    (void)spdlog::mdc::get("user");
    spdlog::mdc::remove("user");
  });
}

void folly_request_context(JobQueue &Q,
                           std::shared_ptr<folly::RequestContext> Ctx) {
  Q.enqueue([Ctx] {
    folly::RequestContext::setContext(Ctx);
    (void)folly::RequestContext::get();
  });
  // CHECK: :[[@LINE-4]]:3: warning: folly RequestContext is left set by a task started by 'JobQueue::enqueue': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-4]]:28: note: the lambda sets folly RequestContext here
  // CHECK: :[[@LINE-3]]:3: note: the lambda ends here without restoring it
  // Not a bug: the previous context put back, a scope guard, a reset.
  Q.enqueue([Ctx] {
    auto Prev = folly::RequestContext::setContext(Ctx);
    (void)folly::RequestContext::get();
    folly::RequestContext::setContext(Prev);
  });
  Q.enqueue([Ctx] {
    folly::RequestContextScopeGuard Guard(Ctx);
    (void)folly::RequestContext::get();
  });
  Q.enqueue([Ctx] {
    folly::RequestContext::setContext(Ctx);
    (void)folly::RequestContext::get();
    folly::RequestContext::setContext(nullptr);
  });
}

// Not a bug: the token detaches the context when the task ends.
void opentelemetry_token(JobQueue &Q, opentelemetry::context::Context C) {
  Q.enqueue([C] {
    auto Token = opentelemetry::context::RuntimeContext::Attach(C);
    (void)opentelemetry::context::RuntimeContext::GetCurrent();
  });
}
