// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 -isystem %inputs/declared \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 -isystem %inputs/declared \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// Without the profile, nothing is reported.
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   -config="{CheckOptions: {context-lost-in-task.Profiles: 'thread-local'}}" \
// RUN:   -- -std=c++17 -isystem %inputs/declared | FileCheck %s --check-prefix=OFF --allow-empty
// OFF-NOT: warning:

// The opentelemetry profile: OpenTelemetry C++ keeps the active context in
// thread-local storage (RuntimeContext), so a task on another thread starts
// with an empty one: spans lose their parent, baggage its entries.

#include <future>
#include <thread>
#include "opentelemetry/baggage/baggage_context.h"
#include "opentelemetry/context/runtime_context.h"
#include "opentelemetry/trace/tracer.h"

namespace context = opentelemetry::context;
namespace trace = opentelemetry::trace;

trace::Tracer *tracer();

void record_event() {
  auto Span = trace::GetSpan(context::RuntimeContext::GetCurrent());
  Span->AddEvent("charged");
}

void charge() { record_event(); }

void tenant_of_request() {
  auto Baggage =
      opentelemetry::baggage::GetBaggage(context::RuntimeContext::GetCurrent());
  std::string Tenant;
  Baggage->GetValue("tenant", Tenant);
}

void direct() {
  std::thread T([] { trace::Tracer::GetCurrentSpan()->AddEvent("started"); });
  // CHECK: :[[@LINE-1]]:15: warning: OpenTelemetry context is read in a task started by 'std::thread' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:37: note: the lambda reads OpenTelemetry context through 'opentelemetry::trace::Tracer::GetCurrentSpan' here
  // CHECK: :[[@LINE-3]]:15: note: to carry OpenTelemetry context over, capture 'opentelemetry::context::RuntimeContext::GetCurrent()' at the spawn and keep the token of 'RuntimeContext::Attach' alive in the task
  T.join();
}

void through_a_chain() {
  auto F = std::async(std::launch::async, charge);
  // CHECK: :[[@LINE-1]]:12: warning: OpenTelemetry context is read in a task started by 'std::async' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :32:17: note: 'charge' calls 'record_event' here
  // CHECK: :28:55: note: 'record_event' reads OpenTelemetry context through 'opentelemetry::context::RuntimeContext::GetCurrent' here
  // CHECK: :[[@LINE-4]]:12: note: to carry OpenTelemetry context over,
  F.wait();
  std::thread B(tenant_of_request);
  // CHECK: :[[@LINE-1]]:15: warning: OpenTelemetry context is read in a task started by 'std::thread'
  // CHECK: :36:67: note: 'tenant_of_request' reads OpenTelemetry context through 'opentelemetry::context::RuntimeContext::GetCurrent' here
  // CHECK: :[[@LINE-3]]:15: note: to carry OpenTelemetry context over,
  B.join();
}

void start_spans(trace::Tracer &Tracer) {
  // StartSpan without options parents the span on the current context.
  std::thread A([&Tracer] { Tracer.StartSpan("child"); });
  // CHECK: :[[@LINE-1]]:15: warning: OpenTelemetry context is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:36: note: the lambda reads OpenTelemetry context through 'opentelemetry::trace::Tracer::StartSpan' here
  // CHECK: :[[@LINE-3]]:15: note: to carry OpenTelemetry context over,
  // With options, the parent is the caller's choice: not a read.
  trace::StartSpanOptions Options;
  Options.parent = context::RuntimeContext::GetCurrent();
  std::thread B([&Tracer, Options] { Tracer.StartSpan("child", Options); });
  A.join();
  B.join();
}

// Restores that carry the context over: silent.
void restored() {
  std::thread Attached([Ctx = context::RuntimeContext::GetCurrent()] {
    auto Token = context::RuntimeContext::Attach(Ctx);
    charge();
  });
  auto Span = trace::Tracer::GetCurrentSpan();
  std::thread Scoped([Span] {
    trace::Scope Active(Span);
    record_event();
  });
  std::thread WithActive([Span]() mutable {
    auto Active = trace::Tracer::WithActiveSpan(Span);
    record_event();
  });
  // Read on the spawning thread only.
  auto Current = context::RuntimeContext::GetValue("user");
  std::thread Value([Current] { (void)Current; });
  Attached.join();
  Scoped.join();
  WithActive.join();
  Value.join();
}

// Restores that do not cover the read: reported.
void not_restored(bool Sampled) {
  std::thread Dropped([Ctx = context::RuntimeContext::GetCurrent()] {
    // The token is destroyed at the end of the statement: detached again.
    context::RuntimeContext::Attach(Ctx);
    charge();
  });
  // CHECK: :[[@LINE-5]]:15: warning: OpenTelemetry context is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-3]]:5: note: the lambda calls 'charge' here
  // CHECK: :32:17: note: 'charge' calls 'record_event' here
  // CHECK: :28:55: note: 'record_event' reads OpenTelemetry context through 'opentelemetry::context::RuntimeContext::GetCurrent' here
  // CHECK: :[[@LINE-9]]:15: note: to carry OpenTelemetry context over,
  std::thread ScopeEnded([Ctx = context::RuntimeContext::GetCurrent()] {
    {
      auto Token = context::RuntimeContext::Attach(Ctx);
    }
    record_event();
  });
  // CHECK: :[[@LINE-6]]:15: warning: OpenTelemetry context is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-3]]:5: note: the lambda calls 'record_event' here
  // CHECK: :28:55: note: 'record_event' reads
  // CHECK: :[[@LINE-9]]:15: note: to carry OpenTelemetry context over,
  std::thread OneBranch([Sampled, Ctx = context::RuntimeContext::GetCurrent()] {
    std::unique_ptr<context::Token> Token;
    if (Sampled)
      Token = context::RuntimeContext::Attach(Ctx);
    record_event();
  });
  // CHECK: :[[@LINE-6]]:15: warning: OpenTelemetry context is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-3]]:5: note: the lambda calls 'record_event' here
  // CHECK: :28:55: note: 'record_event' reads
  // CHECK: :[[@LINE-9]]:15: note: to carry OpenTelemetry context over,
  Dropped.join();
  ScopeEnded.join();
  OneBranch.join();
}
