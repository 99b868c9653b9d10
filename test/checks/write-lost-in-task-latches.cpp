// RUN: %clang_tidy_plugin %s --checks='-*,context-write-lost-in-task' -- -std=c++20 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-write-lost-in-task' -- -std=c++20 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// Waits through latches, barriers, joining destructors and boost::thread.

#include <barrier>
#include <boost/thread/latch.hpp>
#include <boost/thread/thread.hpp>
#include <future>
#include <latch>
#include <string>
#include <thread>
#include <vector>

thread_local std::string request_id;
void use(const std::string &);
void set_request(const std::string &Id) { request_id = Id; }
void report() { use(request_id); }

// Positive: the task counts a latch down, the spawner waits on it.
void latch_wait() {
  std::latch Done(1);
  std::thread T([&Done] {
    request_id = "r-1";
    Done.count_down();
  });
  Done.wait();
  use(request_id);
  T.join();
}

// Positive: arrive_and_wait on the spawner's side.
void latch_arrive_and_wait() {
  std::latch Ready(2);
  std::thread T([&] {
    set_request("r-2");
    Ready.count_down();
  });
  T.detach();
  Ready.arrive_and_wait();
  report();
}

// Positive: a barrier both arrive at.
void barrier_phase() {
  std::barrier Sync(2);
  std::thread T([&Sync] {
    request_id = "r-3";
    Sync.arrive_and_wait();
  });
  Sync.arrive_and_wait();
  use(request_id);
  T.join();
}

// Positive: boost::latch.
void boost_latch() {
  boost::latch Done(1);
  boost::thread T([&Done] {
    set_request("r-4");
    Done.count_down();
  });
  Done.wait();
  report();
  T.join();
}

// Positive: boost::thread joined.
void boost_join() {
  boost::thread T([] { request_id = "r-5"; });
  T.join();
  use(request_id);
}

// Positive: a jthread joins when its scope ends.
void jthread_scope() {
  {
    std::jthread T([] { request_id = "r-6"; });
  }
  use(request_id);
}

// Positive: a jthread joined explicitly.
void jthread_join() {
  std::jthread T([] { set_request("r-7"); });
  T.join();
  report();
}

// Positive: jthreads in a vector join when the vector is destroyed.
void jthread_vector() {
  {
    std::vector<std::jthread> Workers;
    for (int I = 0; I < 2; ++I)
      Workers.emplace_back([] { request_id = "r-8"; });
  }
  use(request_id);
}

// Positive: the future of std::async waits in its destructor.
void async_future_scope() {
  {
    auto F = std::async(std::launch::async, [] { request_id = "r-9"; });
  }
  use(request_id);
}

// Positive: a discarded std::async future waits at once.
void async_discarded() {
  (void)std::async(std::launch::async, [] { set_request("r-10"); });
  report();
}

// Positive: threads in a vector joined in a loop.
void thread_vector_loop() {
  std::vector<std::thread> Ts;
  Ts.push_back(std::thread([] { request_id = "r-11"; }));
  for (auto &T : Ts)
    T.join();
  use(request_id);
}

// Negative: read before the latch wait.
void latch_read_before_wait() {
  std::latch Done(1);
  std::thread T([&Done] {
    request_id = "r";
    Done.count_down();
  });
  use(request_id);
  Done.wait();
  T.join();
}

// Negative: the task does not count the latch down.
void latch_not_counted(std::latch &Other) {
  std::latch Done(1);
  std::thread T([&Other] {
    request_id = "r";
    Other.count_down();
  });
  T.detach();
  Done.wait();
  use(request_id);
}

// Negative: the latch is handed to the task as an argument, and the task
// counts down another one (write-lost-in-task-waits.cpp links the same one).
void worker_with_latch(std::latch &L, std::latch &Other) {
  request_id = "r";
  Other.count_down();
}
void latch_as_argument(std::latch &Other) {
  std::latch Done(1);
  std::thread T(worker_with_latch, std::ref(Done), std::ref(Other));
  T.detach();
  Done.wait();
  use(request_id);
}

// Negative: the jthread is still in scope.
void jthread_in_scope() {
  std::jthread T([] { request_id = "r"; });
  use(request_id);
}

// Negative: the jthread is detached before its scope ends.
void jthread_detached() {
  {
    std::jthread T([] { request_id = "r"; });
    T.detach();
  }
  use(request_id);
}

// Negative: the future is moved out of the scope.
void async_future_moved(std::vector<std::future<void>> &Out) {
  {
    auto F = std::async(std::launch::async, [] { request_id = "r"; });
    Out.push_back(std::move(F));
  }
  use(request_id);
}

// Negative: a plain std::thread's destructor does not join.
void thread_scope_no_join() {
  {
    std::thread T([] { request_id = "r"; });
    T.detach();
  }
  use(request_id);
}

// Negative: waits on a barrier the task does not arrive at.
void barrier_not_arrived(std::barrier<> &Other) {
  std::barrier Sync(1);
  std::thread T([&Other] {
    request_id = "r";
    Other.arrive_and_drop();
  });
  T.detach();
  Sync.arrive_and_wait();
  use(request_id);
}

// Negative: the caller sets the value itself after the latch.
void latch_set_after() {
  std::latch Done(1);
  std::string Result;
  std::thread T([&] {
    Result = "r";
    request_id = Result;
    Done.count_down();
  });
  Done.wait();
  request_id = Result;
  use(request_id);
  T.join();
}

// The findings, in the order they are reported.
// CHECK: :29:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :24:15: note: 'latch_wait' starts the task with 'std::thread' here
// CHECK: :25:5: note: the lambda writes thread-local 'request_id' here
// CHECK: :28:8: note: 'latch_wait' waits for the task with 'wait' here
// CHECK: :29:7: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :42:3: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :36:15: note: 'latch_arrive_and_wait' starts the task with 'std::thread' here
// CHECK: :37:5: note: the lambda calls 'set_request' here
// CHECK: :18:43: note: 'set_request' writes thread-local 'request_id' here
// CHECK: :41:9: note: 'latch_arrive_and_wait' waits for the task with 'arrive_and_wait' here
// CHECK: :42:3: note: 'latch_arrive_and_wait' calls 'report' here
// CHECK: :19:21: note: 'report' reads thread-local 'request_id' here
// CHECK: :42:3: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :53:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :48:15: note: 'barrier_phase' starts the task with 'std::thread' here
// CHECK: :49:5: note: the lambda writes thread-local 'request_id' here
// CHECK: :52:8: note: 'barrier_phase' waits for the task with 'arrive_and_wait' here
// CHECK: :53:7: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :65:3: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :60:17: note: 'boost_latch' starts the task with 'boost::thread' here
// CHECK: :61:5: note: the lambda calls 'set_request' here
// CHECK: :18:43: note: 'set_request' writes thread-local 'request_id' here
// CHECK: :64:8: note: 'boost_latch' waits for the task with 'wait' here
// CHECK: :65:3: note: 'boost_latch' calls 'report' here
// CHECK: :19:21: note: 'report' reads thread-local 'request_id' here
// CHECK: :65:3: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :73:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :71:17: note: 'boost_join' starts the task with 'boost::thread' here
// CHECK: :71:24: note: the lambda writes thread-local 'request_id' here
// CHECK: :72:5: note: 'boost_join' waits for the task with 'join' here
// CHECK: :73:7: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :81:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :79:18: note: 'jthread_scope' starts the task with 'std::jthread' here
// CHECK: :79:25: note: the lambda writes thread-local 'request_id' here
// CHECK: :80:3: note: 'jthread_scope' waits for the task with '~jthread' here
// CHECK: :81:7: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :88:3: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :86:16: note: 'jthread_join' starts the task with 'std::jthread' here
// CHECK: :86:23: note: the lambda calls 'set_request' here
// CHECK: :18:43: note: 'set_request' writes thread-local 'request_id' here
// CHECK: :87:5: note: 'jthread_join' waits for the task with 'join' here
// CHECK: :88:3: note: 'jthread_join' calls 'report' here
// CHECK: :19:21: note: 'report' reads thread-local 'request_id' here
// CHECK: :88:3: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :98:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :96:7: note: 'jthread_vector' starts the task with 'std::jthread' here
// CHECK: :96:33: note: the lambda writes thread-local 'request_id' here
// CHECK: :97:3: note: 'jthread_vector' waits for the task with '~jthread' here
// CHECK: :98:7: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :106:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :104:14: note: 'async_future_scope' starts the task with 'std::async' here
// CHECK: :104:50: note: the lambda writes thread-local 'request_id' here
// CHECK: :105:3: note: 'async_future_scope' waits for the task with '~future' here
// CHECK: :106:7: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :112:3: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :111:9: note: 'async_discarded' starts the task with 'std::async' here
// CHECK: :111:45: note: the lambda calls 'set_request' here
// CHECK: :18:43: note: 'set_request' writes thread-local 'request_id' here
// CHECK: :111:14: note: 'async_discarded' waits for the task with '~future' here
// CHECK: :112:3: note: 'async_discarded' calls 'report' here
// CHECK: :19:21: note: 'report' reads thread-local 'request_id' here
// CHECK: :112:3: note: return the value from the task and set it on this thread, or pass it back explicitly
// CHECK: :121:7: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :118:16: note: 'thread_vector_loop' starts the task with 'std::thread' here
// CHECK: :118:33: note: the lambda writes thread-local 'request_id' here
// CHECK: :120:7: note: 'thread_vector_loop' waits for the task with 'join' here
// CHECK: :121:7: note: return the value from the task and set it on this thread, or pass it back explicitly
