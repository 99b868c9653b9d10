// RUN: %clang_tidy_plugin %s --checks='-*,context-write-lost-in-task' -- -std=c++20 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-write-lost-in-task' -- -std=c++20 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// Waits written without a handle in sight: an index loop over every thread
// of a vector, a boost::thread_group's join_all, and a latch handed to the
// task as an argument of the spawn.

#include <boost/thread/thread.hpp>
#include <cstddef>
#include <latch>
#include <string>
#include <thread>
#include <vector>

thread_local std::string request_id;
void use(const std::string &);

// Positive: every thread joined by index.
void index_loop() {
  std::vector<std::thread> Ts;
  for (int I = 0; I < 2; ++I)
    Ts.emplace_back([] { request_id = "r-1"; });
  for (std::size_t I = 0; I < Ts.size(); ++I)
    Ts[I].join();
  use(request_id);
}

// Positive: a thread group joined with join_all.
void group_create() {
  boost::thread_group Group;
  Group.create_thread([] { request_id = "r-2"; });
  Group.join_all();
  use(request_id);
}

// Positive: a thread added to the group.
void group_add() {
  boost::thread_group Group;
  Group.add_thread(new boost::thread([] { request_id = "r-3"; }));
  Group.join_all();
  use(request_id);
}

// Positive: the latch handed to the task with std::ref.
void worker_with_latch(std::latch &L) {
  request_id = "r-4";
  L.count_down();
}
void latch_by_ref() {
  std::latch Done(1);
  std::thread T(worker_with_latch, std::ref(Done));
  T.detach();
  Done.wait();
  use(request_id);
}

// Positive: the latch handed by address to a lambda's parameter.
void latch_by_address() {
  std::latch Done(1);
  std::thread T(
      [](std::latch *L) {
        request_id = "r-5";
        L->count_down();
      },
      &Done);
  T.detach();
  Done.wait();
  use(request_id);
}

// Negatives.

// The index loop skips the first thread.
void index_loop_from_one() {
  std::vector<std::thread> Ts;
  Ts.emplace_back([] { request_id = "r"; });
  for (std::size_t I = 1; I < Ts.size(); ++I)
    Ts[I].join();
  use(request_id);
  Ts[0].detach();
}

// The index loop stops at a constant, not at the size.
void index_loop_constant() {
  std::vector<std::thread> Ts;
  Ts.emplace_back([] { request_id = "r"; });
  for (std::size_t I = 0; I < 1; ++I)
    Ts[I].join();
  use(request_id);
}

// The index loop joins another vector's threads.
void index_loop_other(std::vector<std::thread> &Others) {
  std::vector<std::thread> Ts;
  Ts.emplace_back([] { request_id = "r"; });
  for (std::size_t I = 0; I < Ts.size(); ++I)
    Others[I].join();
  use(request_id);
  Ts[0].detach();
}

// Read before the loop.
void index_loop_read_before() {
  std::vector<std::thread> Ts;
  Ts.emplace_back([] { request_id = "r"; });
  use(request_id);
  for (std::size_t I = 0; I < Ts.size(); ++I)
    Ts[I].join();
}

// join_all on another group.
void group_other(boost::thread_group &Other) {
  boost::thread_group Group;
  Group.create_thread([] { request_id = "r"; });
  Other.join_all();
  use(request_id);
}

// The task counts down another latch than the one waited on.
void worker_with_latches(std::latch &Started, std::latch &Done) {
  request_id = "r";
  Done.count_down();
}
void latch_other_param() {
  std::latch Started(1), Done(1);
  std::thread T(worker_with_latches, std::ref(Started), std::ref(Done));
  T.detach();
  Started.wait();
  use(request_id);
}

// The latch is handed on by the task to a function it calls: not linked.
void count(std::latch &L) { L.count_down(); }
void latch_handed_on() {
  std::latch Done(1);
  std::thread T([&Done] {
    request_id = "r";
    count(Done);
  });
  T.detach();
  Done.wait();
  use(request_id);
}

// The findings, in the order they are reported.
// CHECK: :26:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :23:5: note: 'index_loop' starts the task with 'std::thread' here
// CHECK: :23:26: note: the lambda writes thread-local 'request_id' here
// CHECK: :25:11: note: 'index_loop' waits for the task with 'join' here
// CHECK: :26:7: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :34:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :32:3: note: 'group_create' starts the task with 'boost::thread_group::create_thread' here
// CHECK: :32:28: note: the lambda writes thread-local 'request_id' here
// CHECK: :33:9: note: 'group_create' waits for the task with 'join_all' here
// CHECK: :34:7: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :42:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :40:24: note: 'group_add' starts the task with 'boost::thread' here
// CHECK: :40:43: note: the lambda writes thread-local 'request_id' here
// CHECK: :41:9: note: 'group_add' waits for the task with 'join_all' here
// CHECK: :42:7: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :55:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :52:15: note: 'latch_by_ref' starts the task with 'std::thread' here
// CHECK: :47:3: note: 'worker_with_latch' writes thread-local 'request_id' here
// CHECK: :54:8: note: 'latch_by_ref' waits for the task with 'wait' here
// CHECK: :55:7: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :69:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :61:15: note: 'latch_by_address' starts the task with 'std::thread' here
// CHECK: :63:9: note: the lambda writes thread-local 'request_id' here
// CHECK: :68:8: note: 'latch_by_address' waits for the task with 'wait' here
// CHECK: :69:7: note: return the value from the task and set it on this thread, or pass it back explicitly
