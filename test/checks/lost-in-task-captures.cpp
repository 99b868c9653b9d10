// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// A value carried over by a capture, or restored inside the task before it
// is read on every path, is not lost. Dominance decides, not text order.

#include <ctxloss/context.h>
#include <string>
#include <thread>

thread_local std::string request_id;

void begin_request(const std::string &Id) { request_id = Id; }
void log_line() { (void)request_id.size(); }

void use(const std::string &) {}

void captured_snapshot() {
  std::thread T([Rid = request_id] { use(Rid); });
  T.join();
}

void restored_by_assignment() {
  std::thread T([Rid = request_id] {
    request_id = Rid;
    log_line();
  });
  T.join();
}

void restored_by_scoped_value() {
  std::thread T([Rid = request_id] {
    ctxloss::scoped_value Restore(request_id, Rid);
    log_line();
  });
  T.join();
}

void restored_in_loop(int N) {
  std::thread T([Rid = request_id, N] {
    for (int I = 0; I < N; ++I) {
      request_id = Rid;
      log_line();
    }
  });
  T.join();
}

void restored_after_early_exit(bool Skip) {
  std::thread T([Rid = request_id, Skip] {
    if (Skip)
      return;
    request_id = Rid;
    log_line();
  });
  T.join();
}

// A task entry that establishes the value itself before reading it.
void run_as(std::string Id) {
  request_id = std::move(Id);
  log_line();
}

void entry_restores() {
  std::thread T(run_as, request_id);
  T.join();
}

void restored_on_one_branch_only(bool Flag) {
  std::thread T([Rid = request_id, Flag] {
    // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
    if (Flag)
      request_id = Rid;
    log_line();
    // CHECK: :[[@LINE-1]]:5: note: the lambda calls 'log_line' here
    // CHECK: :16:25: note: 'log_line' reads thread-local 'request_id' here
  });
  T.join();
}

void restored_too_late() {
  std::thread T([Rid = request_id] {
    // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
    log_line();
    // CHECK: :[[@LINE-1]]:5: note: the lambda calls 'log_line' here
    // CHECK: :16:25: note: 'log_line' reads thread-local 'request_id' here
    request_id = Rid;
  });
  T.join();
}

void read_before_restore_on_early_exit(bool Done) {
  std::thread T([Rid = request_id, Done] {
    // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
    if (Done) {
      (void)request_id.empty();
      // CHECK: :[[@LINE-1]]:13: note: the lambda reads thread-local 'request_id' here
      return;
    }
    request_id = Rid;
    log_line();
  });
  T.join();
}

void snapshot_taken_but_not_used() {
  std::thread T([Rid = request_id] { log_line(); });
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:38: note: the lambda calls 'log_line' here
  // CHECK: :16:25: note: 'log_line' reads thread-local 'request_id' here
  T.join();
}

// A call to a function that sets the value counts as a restore at the call.
void restored_by_helper() {
  std::thread T([Rid = request_id] {
    begin_request(Rid);
    log_line();
  });
  T.join();
}

// A worker that establishes its own value through a setup function.
void init_worker() { begin_request("worker"); }
void worker_main() {
  init_worker();
  log_line();
}

void worker_sets_its_own_value() {
  std::thread T(worker_main);
  T.join();
}

void restored_by_helper_on_one_branch(bool Flag) {
  std::thread T([Rid = request_id, Flag] {
    // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
    if (Flag)
      begin_request(Rid);
    log_line();
    // CHECK: :[[@LINE-1]]:5: note: the lambda calls 'log_line' here
    // CHECK: :16:25: note: 'log_line' reads thread-local 'request_id' here
  });
  T.join();
}

// A read through an accessor (`begin`/`end` of a range for, `operator[]`)
// is a read, not a write: it does not restore anything.
void accessor_reads_are_reads() {
  std::thread T([] {
    // CHECK: :[[@LINE-1]]:15: warning: thread-local 'request_id' is read in a task started by 'std::thread'
    for (char C : request_id)
      (void)C;
    // CHECK: :[[@LINE-2]]:19: note: the lambda reads thread-local 'request_id' here
    (void)request_id[0];
  });
  T.join();
}

// Assigning through a non-const reference bound to it restores it.
void restored_through_reference() {
  std::thread T([Rid = request_id] {
    std::string &Current = request_id;
    Current = Rid;
    log_line();
  });
  T.join();
}
