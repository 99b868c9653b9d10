// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.SpawnFunctions: 'executor_run'}}" -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.SpawnFunctions: 'executor_run'}}" -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// C-style tasks filled in by initialiser functions, in the shape of gRPC's
// grpc_closure (src/core/lib/iomgr/closure.h): GRPC_CLOSURE_INIT stores
// the callback into the closure it is given and returns it,
// GRPC_CLOSURE_CREATE allocates one around a wrapper that calls it. The
// closure may be a local, a new one written at the spawn, or a data member
// initialised elsewhere in the file.

#include <string>
#include <thread>

thread_local std::string user;
void login(const std::string &U) { user = U; }

// The shape of gRPC's grpc_closure and its initialisers.
typedef void (*cb_func)(void *arg, int error);
struct closure {
  cb_func cb;
  void *cb_arg;
  int error;
};
inline closure *closure_init(closure *c, cb_func cb, void *arg) {
  c->cb = cb;
  c->cb_arg = arg;
  c->error = 0;
  return c;
}
struct wrapped {
  cb_func cb;
  void *cb_arg;
  closure wrapper;
};
void closure_wrapper(void *arg, int error);
inline closure *closure_create(cb_func cb, void *arg) {
  wrapped *w = new wrapped;
  w->cb = cb;
  w->cb_arg = arg;
  closure_init(&w->wrapper, closure_wrapper, w);
  return &w->wrapper;
}
#define CLOSURE_INIT(c, cb, arg, sched) closure_init(c, cb, arg)
#define CLOSURE_CREATE(cb, arg, sched) closure_create(cb, arg)

// The executor: a function defined elsewhere, named in SpawnFunctions.
void executor_run(closure *c, int error);

void offload(void *arg, int) { (void)user.size(); }
struct Combiner {
  closure offload_closure;
};
Combiner *combiner_create() {
  Combiner *C = new Combiner;
  CLOSURE_INIT(&C->offload_closure, offload, C, nullptr);
  return C;
}
void queue_offload(Combiner *Lock) {
  executor_run(&Lock->offload_closure, 0);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'executor_run' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[OFFLOAD:[0-9]+]]:38: note: 'offload' reads thread-local 'user' here
  // CHECK: :[[@LINE-3]]:16: note: no fix-it: the task is passed as 'closure', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
}

void poll(void *arg, int) { (void)user.size(); }
void start_poller(void *P) {
  closure C;
  CLOSURE_INIT(&C, poll, P, nullptr);
  executor_run(&C, 0);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'executor_run' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[POLL:[0-9]+]]:35: note: 'poll' reads thread-local 'user' here
  // CHECK: :[[@LINE-3]]:16: note: no fix-it: the task is passed as 'closure'
  executor_run(CLOSURE_INIT(new closure, poll, P, nullptr), 0);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'executor_run'
  // CHECK: :[[POLL]]:35: note: 'poll' reads thread-local 'user' here
  // CHECK: :[[@LINE-3]]:16: note: no fix-it: the task is passed as 'closure'
  executor_run(CLOSURE_CREATE(poll, P, nullptr), 0);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'executor_run'
  // CHECK: :[[POLL]]:35: note: 'poll' reads thread-local 'user' here
  // CHECK: :[[@LINE-3]]:16: note: no fix-it: the task is passed as 'closure'
}

// --- Silent ---

// A member initialised with two functions: which one runs is not guessed.
void phase_one(void *, int) { (void)user.size(); }
void phase_two(void *, int) { (void)user.size(); }
struct Phased {
  closure step;
};
void begin(Phased *P) { CLOSURE_INIT(&P->step, phase_one, P, nullptr); }
void advance(Phased *P) { CLOSURE_INIT(&P->step, phase_two, P, nullptr); }
void run_step(Phased *P) { executor_run(&P->step, 0); }

// A closure that came in as a parameter.
void run_given(closure *C) { executor_run(C, 0); }

// The callback is stored, not a function: the initialiser is given the
// result of a call.
cb_func pick();
void run_picked(void *P) {
  closure C;
  CLOSURE_INIT(&C, pick(), P, nullptr);
  executor_run(&C, 0);
}
