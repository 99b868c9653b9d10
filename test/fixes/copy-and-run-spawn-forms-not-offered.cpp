// RUN: rm -rf %t && mkdir -p %t && sed -e 's,// [A-Z-]*:.*,,' %s > %t/input.cpp
// RUN: %ctxloss_tidy %t/input.cpp --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.SpawnFunctions: 'net::Thread::Thread:1'}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ |]*:[0-9]+:[0-9]+: (warning|note|error):}}'
// RUN: cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   --config="{CheckOptions: {context-lost-in-task.SpawnFunctions: 'net::Thread::Thread:1'}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include > %t/out.txt
// RUN: diff %s %t/fixed.cpp

// Spawn forms that copy-and-run cannot wrap, so no fix is offered: a task
// moved from a local std::packaged_task into a queue that takes a
// std::packaged_task (its constructor is explicit: a wrapping lambda would
// not convert), and a thread class constructed in place whose constructor
// takes a function pointer. A note says why; neither has an
// explicit-parameter alternative.

#include <future>
#include <memory>
#include <utility>

thread_local int tenant = 0;

void set_tenant(int T) { tenant = T; }
int current_tenant() { return tenant; }
void tenant_task() { (void)current_tenant(); }

struct TaskQueue {
  void push(std::packaged_task<void()> Task);
};

void queued(TaskQueue &Queue) {
  std::packaged_task<void()> Task(tenant_task);
  Queue.push(std::move(Task));
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'TaskQueue::push' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-3]]:30: note: the task is kept in 'Task' here until it is started
  // CHECK: :27:28: note: 'tenant_task' calls 'current_tenant' here
  // CHECK: :26:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-5]]:14: note: no fix-it: the task is passed as 'std::packaged_task', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
}

namespace net {
class Thread {
public:
  Thread(const char *Name, void (*Body)(void *), void *Arg);
};
} // namespace net

void body(void *) { (void)current_tenant(); }

std::unique_ptr<net::Thread> started() {
  return std::make_unique<net::Thread>("worker", body, nullptr);
  // CHECK: :[[@LINE-1]]:10: warning: thread-local 'tenant' is read in a task started by 'net::Thread::Thread'
  // CHECK: :[[@LINE-5]]:27: note: 'body' calls 'current_tenant' here
  // CHECK: :26:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:50: note: no fix-it: the task is passed as a function pointer, which cannot carry a snapshot of 'tenant'; pass the value through the task's argument and restore it with 'ctxloss::scoped_value' at the top of the task
}
