// RUN: %clang_tidy_plugin %s --checks='-*,context-write-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-write-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// A variable the configuration says is not context is never reported.
// RUN: %ctxloss_tidy %s --checks='-*,context-write-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-write-lost-in-task.IgnoredVariables: 'request_id;tenant_slot::Tenant'}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include | count 0

// Thread-locals written by a task and read by the thread that waited for
// it: std::thread and join, std::async and its future, handles kept in
// containers, accessors and call chains on both sides; and the shapes where
// the reader sees a value of its own.

#include <chrono>
#include <ctxloss/context.h>
#include <future>
#include <string>
#include <thread>
#include <vector>

thread_local std::string request_id;
void use(const std::string &);
void use_int(int);

void set_request(const std::string &Id) { request_id = Id; }
void report() { use(request_id); }
void log_line(const char *Msg, const std::string &Id = request_id);

int &tenant_slot() {
  static thread_local int Tenant = 0;
  return Tenant;
}

void worker() { set_request("from-worker"); }

// Positive: a lambda writes, the spawner joins and reads.
void joined_thread() {
  std::thread T([] { request_id = "r-1"; });
  T.join();
  use(request_id);
  // CHECK: :[[@LINE-1]]:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :39:15: note: 'joined_thread' starts the task with 'std::thread' here
  // CHECK: :39:22: note: the lambda writes thread-local 'request_id' here
  // CHECK: :40:5: note: 'joined_thread' waits for the task with 'join' here
  // CHECK: :[[@LINE-5]]:7: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: the write and the read are both down call chains.
void future_get_chains() {
  auto F = std::async(std::launch::async, [] { set_request("r-2"); });
  F.get();
  report();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :51:12: note: 'future_get_chains' starts the task with 'std::async' here
  // CHECK: :51:48: note: the lambda calls 'set_request' here
  // CHECK: :26:43: note: 'set_request' writes thread-local 'request_id' here
  // CHECK: :52:5: note: 'future_get_chains' waits for the task with 'get' here
  // CHECK: :[[@LINE-6]]:3: note: 'future_get_chains' calls 'report' here
  // CHECK: :27:21: note: 'report' reads thread-local 'request_id' here
  // CHECK: :[[@LINE-8]]:3: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: wait() on the future.
void future_wait() {
  std::future<void> F = std::async(std::launch::async, worker);
  F.wait();
  use(request_id);
  // CHECK: :[[@LINE-1]]:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :66:25: note: 'future_wait' starts the task with 'std::async' here
  // CHECK: :35:17: note: 'worker' calls 'set_request' here
  // CHECK: :26:43: note: 'set_request' writes thread-local 'request_id' here
  // CHECK: :67:5: note: 'future_wait' waits for the task with 'wait' here
  // CHECK: :[[@LINE-6]]:7: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: a timed wait is still a wait for the task.
void future_wait_for() {
  auto F = std::async(std::launch::async, [] { request_id = "r-3"; });
  if (F.wait_for(std::chrono::seconds(1)) != std::future_status::ready)
    return;
  use(request_id);
  // CHECK: :[[@LINE-1]]:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :79:12: note: 'future_wait_for' starts the task with 'std::async' here
  // CHECK: :79:48: note: the lambda writes thread-local 'request_id' here
  // CHECK: :80:9: note: 'future_wait_for' waits for the task with 'wait_for' here
  // CHECK: :[[@LINE-5]]:7: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: threads kept in a vector and joined in a loop.
void joined_in_loop() {
  std::vector<std::thread> Threads;
  for (int I = 0; I < 4; ++I)
    Threads.emplace_back([] { request_id = "r-4"; });
  for (auto &T : Threads)
    T.join();
  use(request_id);
  // CHECK: :[[@LINE-1]]:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :94:5: note: 'joined_in_loop' starts the task with 'std::thread' here
  // CHECK: :94:31: note: the lambda writes thread-local 'request_id' here
  // CHECK: :96:7: note: 'joined_in_loop' waits for the task with 'join' here
  // CHECK: :[[@LINE-5]]:7: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: futures kept in a vector and waited for in a loop.
void futures_in_loop() {
  std::vector<std::future<void>> Futures;
  Futures.push_back(std::async(std::launch::async, worker));
  for (auto &F : Futures)
    F.get();
  report();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :108:21: note: 'futures_in_loop' starts the task with 'std::async' here
  // CHECK: :35:17: note: 'worker' calls 'set_request' here
  // CHECK: :26:43: note: 'set_request' writes thread-local 'request_id' here
  // CHECK: :110:7: note: 'futures_in_loop' waits for the task with 'get' here
  // CHECK: :[[@LINE-6]]:3: note: 'futures_in_loop' calls 'report' here
  // CHECK: :27:21: note: 'report' reads thread-local 'request_id' here
  // CHECK: :[[@LINE-8]]:3: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: the future is waited for where it is returned.
void get_in_place() {
  std::async(std::launch::async, [] { request_id = "r-5"; }).get();
  use(request_id);
  // CHECK: :[[@LINE-1]]:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :124:3: note: 'get_in_place' starts the task with 'std::async' here
  // CHECK: :124:39: note: the lambda writes thread-local 'request_id' here
  // CHECK: :124:62: note: 'get_in_place' waits for the task with 'get' here
  // CHECK: :[[@LINE-5]]:7: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: a write and a read through an accessor.
void accessor() {
  std::thread T([] { tenant_slot() = 42; });
  T.join();
  use_int(tenant_slot());
  // CHECK: :[[@LINE-1]]:11: warning: thread-local 'tenant_slot::Tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :135:15: note: 'accessor' starts the task with 'std::thread' here
  // CHECK: :135:22: note: the lambda writes thread-local 'tenant_slot::Tenant' here
  // CHECK: :136:5: note: 'accessor' waits for the task with 'join' here
  // CHECK: :[[@LINE-5]]:11: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: a function (not a lambda) runs on the thread.
void function_task() {
  std::thread T(worker);
  T.join();
  std::string Id = request_id;
  // CHECK: :[[@LINE-1]]:20: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :147:15: note: 'function_task' starts the task with 'std::thread' here
  // CHECK: :35:17: note: 'worker' calls 'set_request' here
  // CHECK: :26:43: note: 'set_request' writes thread-local 'request_id' here
  // CHECK: :148:5: note: 'function_task' waits for the task with 'join' here
  // CHECK: :[[@LINE-6]]:20: note: return the value from the task and set it on this thread, or pass it back explicitly
  use(Id);
}

// Positive: the read is in a default argument evaluated after the join.
void default_argument() {
  std::thread T(worker);
  T.join();
  log_line("done");
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :161:15: note: 'default_argument' starts the task with 'std::thread' here
  // CHECK: :35:17: note: 'worker' calls 'set_request' here
  // CHECK: :26:43: note: 'set_request' writes thread-local 'request_id' here
  // CHECK: :162:5: note: 'default_argument' waits for the task with 'join' here
  // CHECK: :[[@LINE-6]]:3: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Negative: the task returns the value and the caller sets it itself.
void returned_value() {
  auto F = std::async(std::launch::async, [] { return std::string("r-6"); });
  request_id = F.get();
  use(request_id);
}

// Negative: the caller sets the context after the join, from the task's
// result, through a setter.
void set_after_join() {
  std::string Result;
  std::thread T([&Result] { Result = "r-7"; request_id = Result; });
  T.join();
  set_request(Result);
  report();
}

// Negative: the caller set the context itself before the spawn and reads
// its own value.
void own_value_before_spawn() {
  request_id = "mine";
  std::thread T(worker);
  T.join();
  use(request_id);
}

// Negative: the task's write is undone before it ends.
void scoped_in_task() {
  std::thread T([] {
    ctxloss::scoped_value Guard(request_id, std::string("r-8"));
    report();
  });
  T.join();
  use(request_id);
}

// Negative: the task keeps the previous value aside and puts it back.
void restored_in_task() {
  std::thread T([] {
    std::string Saved = request_id;
    request_id = "r-9";
    report();
    request_id = Saved;
  });
  T.join();
  use(request_id);
}

// Negative: read before the join.
void read_before_join() {
  std::thread T(worker);
  use(request_id);
  T.join();
}

// Negative: the join does not happen on every path to the read.
void join_on_one_path(bool Wait) {
  std::thread T(worker);
  if (Wait)
    T.join();
  else
    T.detach();
  use(request_id);
}

// Negative: nobody waits for the task.
void detached() {
  std::thread(worker).detach();
  use(request_id);
}

// Negative: the task writes another context than the one read.
thread_local int other_slot = 0;
void other_context() {
  std::thread T([] { other_slot = 1; });
  T.join();
  use(request_id);
}
int read_other() { return other_slot; }

// Negative: a lazy per-thread initialisation is the thread's own state.
thread_local std::vector<int> *scratch = nullptr;
void init_scratch() {
  if (!scratch)
    scratch = new std::vector<int>();
}
void per_thread_init() {
  std::thread T(init_scratch);
  T.join();
  use_int(scratch ? 1 : 0);
}

// Negative: a project's own scope class restores the value when the task
// ends.
class RequestScope {
public:
  explicit RequestScope(const std::string &Id) : Prev(request_id) {
    request_id = Id;
  }
  ~RequestScope() { request_id = Prev; }

private:
  std::string Prev;
};
void scope_class_in_task() {
  std::thread T([] {
    RequestScope Scope("r-10");
    report();
  });
  T.join();
  report();
}
