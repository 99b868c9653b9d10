// RUN: sed -e 's,// [A-Z-]*:.*,,' %s > %t.cpp
// RUN: %clang_tidy_plugin %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -isystem %inputs/declared \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -isystem %inputs/declared \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// C-style tasks: a function pointer and its void * argument, passed as they
// are (RocksDB's Env::Schedule, gRPC's threads) or stored in a struct that
// is handed to a queue of work. The task is the function the site stores.

#include <rocksdb/env.h>

thread_local int tenant = 0;

void enter(int T) { tenant = T; }
int current_tenant() { return tenant; }

void compact(void *) { (void)current_tenant(); }
void idle(void *) {}

// A struct of work for a queue whose body this file does not see.
struct Job {
  void (*fn)(void *);
  void *arg;
};
class JobQueue {
public:
  void push(Job J);
  void enqueue(Job *J);
};

void stored(JobQueue &Q, int *Data) {
  Q.push(Job{compact, Data});
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'JobQueue::push' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :18:30: note: 'compact' calls 'current_tenant' here
  // CHECK: :16:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:10: note: no fix-it: the task is passed as 'Job', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
  Job Later;
  Later.fn = &compact;
  Later.arg = Data;
  Q.push(Later);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'JobQueue::push'
  // CHECK: :18:30: note: 'compact' calls 'current_tenant' here
  // CHECK: :16:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:10: note: no fix-it: the task is passed as 'Job',
  Job *Heap = new Job;
  Heap->fn = compact;
  Q.enqueue(Heap);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'JobQueue::enqueue'
  // CHECK: :18:30: note: 'compact' calls 'current_tenant' here
  // CHECK: :16:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:13: note: no fix-it: the task is passed as 'Job',
}

// Negatives: a job whose function does not read the context; a job that
// came from elsewhere (its function is not known here); a data queue.
struct Node {
  Node *next;
  int value;
};
class NodeQueue {
public:
  void push(Node *N);
};
void negatives(JobQueue &Q, Job &FromCaller, NodeQueue &Nodes, Node *N) {
  Q.push(Job{idle, nullptr});
  Q.push(FromCaller);
  Nodes.push(N);
  Job Plain{idle, nullptr};
  Plain.fn(Plain.arg);
}

// RocksDB: a function pointer and its argument run by the environment's
// background threads.
void background(rocksdb::Env *Env, int *Data) {
  Env->Schedule(&compact, Data);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'rocksdb::Env::Schedule'
  // CHECK: :18:30: note: 'compact' calls 'current_tenant' here
  // CHECK: :16:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:17: note: no fix-it: the task is passed as a function pointer, which cannot carry a snapshot of 'tenant'; pass the value through the task's argument and restore it with 'ctxloss::scoped_value' at the top of the task
  Env->Schedule(&idle, Data, rocksdb::Env::HIGH);
}

// gRPC: every thread gRPC owns is a grpc_core::Thread (gRPC 1.51's
// src/core/lib/gprpp/thd.h, declared here).
namespace grpc_core {
class Thread {
public:
  Thread() = default;
  Thread(const char *thd_name, void (*thd_body)(void *arg), void *arg,
         bool *success = nullptr);
  void Start();
};
} // namespace grpc_core

void grpc_threads(int *Data) {
  grpc_core::Thread T("compactor", compact, Data);
  // CHECK: :[[@LINE-1]]:21: warning: thread-local 'tenant' is read in a task started by 'grpc_core::Thread::Thread'
  // CHECK: :18:30: note: 'compact' calls 'current_tenant' here
  // CHECK: :16:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:36: note: no fix-it: the task is passed as a function pointer,
  T.Start();
  grpc_core::Thread Quiet("idle", idle, Data);
  Quiet.Start();
}

int main() {
  enter(1);
  JobQueue Q;
  int Data = 0;
  stored(Q, &Data);
  Job J{idle, nullptr};
  NodeQueue Nodes;
  Node N{nullptr, 0};
  negatives(Q, J, Nodes, &N);
  background(rocksdb::Env::Default(), &Data);
  grpc_threads(&Data);
}
