// RUN: sed -e 's,// [A-Z-]*:.*,,' %s > %t.cpp
// RUN: %clang_tidy_plugin %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -isystem %inputs/declared \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -isystem %inputs/declared \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// gRPC's EventEngine runs closures on its own threads: an
// absl::AnyInvocable, or an EventEngine::Closure (a task object whose Run()
// of the dynamic type is the task). Through the abstract class or an
// implementation of it.

#include <grpc/event_engine/event_engine.h>

using grpc_event_engine::experimental::EventEngine;

thread_local int tenant = 0;

void enter(int T) { tenant = T; }
int current_tenant() { return tenant; }

class Flush : public EventEngine::Closure {
public:
  void Run() override { (void)current_tenant(); }
};

class Nothing : public EventEngine::Closure {
public:
  void Run() override {}
};

// An implementation of the engine, called directly.
class LocalEngine : public EventEngine {
public:
  void Run(Closure *closure) override;
  void Run(absl::AnyInvocable<void()> closure) override;
  TaskHandle RunAfter(Duration when, Closure *closure) override;
  TaskHandle RunAfter(Duration when,
                      absl::AnyInvocable<void()> closure) override;
};

void closures(EventEngine &Engine, LocalEngine &Local) {
  Flush F;
  Engine.Run(&F);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'grpc_event_engine::experimental::EventEngine::Run' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :23:31: note: 'Flush::Run' calls 'current_tenant' here
  // CHECK: :19:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:14: note: no fix-it: the task is passed as 'grpc_event_engine::experimental::EventEngine::Closure', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
  Engine.Run([] { (void)current_tenant(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'grpc_event_engine::experimental::EventEngine::Run'
  // CHECK: :[[@LINE-2]]:25: note: the lambda calls 'current_tenant' here
  // CHECK: :19:31: note: 'current_tenant' reads thread-local 'tenant' here
  Engine.RunAfter(std::chrono::seconds(1), new Flush);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'grpc_event_engine::experimental::EventEngine::RunAfter'
  // CHECK: :23:31: note: 'Flush::Run' calls 'current_tenant' here
  // CHECK: :19:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:44: note: no fix-it: the task is passed as 'grpc_event_engine::experimental::EventEngine::Closure',
  Local.Run([] { (void)current_tenant(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'grpc_event_engine::experimental::EventEngine::Run'
  // CHECK: :[[@LINE-2]]:24: note: the lambda calls 'current_tenant' here
  // CHECK: :19:31: note: 'current_tenant' reads thread-local 'tenant' here
}

// Negatives: a closure that does not read the context, one whose dynamic
// type the site does not show, a closure run inline.
void negatives(EventEngine &Engine, EventEngine::Closure *Unknown) {
  Nothing N;
  Engine.Run(&N);
  Engine.Run(Unknown);
  Engine.Run([] {});
  Flush F;
  F.Run();
}

int main() {
  enter(1);
  LocalEngine *Local = nullptr;
  closures(*Local, *Local);
  Nothing N;
  negatives(*Local, &N);
}
