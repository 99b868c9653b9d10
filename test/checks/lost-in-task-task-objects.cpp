// RUN: sed -e 's,// [A-Z-]*:.*,,' %s > %t.cpp
// RUN: %clang_tidy_plugin %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Task objects: a project's Task base with a virtual run(), handed to a
// pool or a thread. The task is the run() of the object's dynamic type when
// the spawn site shows it; through a plain base pointer or reference the
// engine does not guess.

#include <thread>

thread_local int tenant = 0;

void enter(int T) { tenant = T; }
int current_tenant() { return tenant; }

class Task {
public:
  virtual ~Task() = default;
  virtual void run() = 0;
};

class Upload : public Task {
public:
  void run() override { (void)current_tenant(); }
  void start_self();
};

class Quiet : public Task {
public:
  void run() override {}
};

// Overrides a base whose run() reads: the object's own run() is the task.
class Logged : public Task {
public:
  void run() override { (void)current_tenant(); }
};
class Muted : public Logged {
public:
  void run() override {}
};

// Inherits its run().
class Retried : public Upload {};

class Final final : public Task {
public:
  void run() override { (void)current_tenant(); }
};

// A pool whose body this file does not see (the pool-name heuristic).
class WorkPool {
public:
  void submit(Task *T);
};

void known_dynamic_type(WorkPool &Pool) {
  Pool.submit(new Upload);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'WorkPool::submit' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :27:31: note: 'Upload::run' calls 'current_tenant' here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:15: note: no fix-it: the task is passed as 'Task', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
  Upload U;
  Pool.submit(&U);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'WorkPool::submit'
  // CHECK: :27:31: note: 'Upload::run' calls 'current_tenant' here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:15: note: no fix-it: the task is passed as 'Task', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
  Task *T = new Retried;
  Pool.submit(T);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'WorkPool::submit'
  // CHECK: :27:31: note: 'Upload::run' calls 'current_tenant' here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:15: note: no fix-it: the task is passed as 'Task', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
}

void member_pointer_on_object() {
  Upload U;
  std::thread A(&Task::run, &U);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :27:31: note: 'Upload::run' calls 'current_tenant' here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  A.join();
  Task *T = new Retried;
  std::thread B(&Task::run, T);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :27:31: note: 'Upload::run' calls 'current_tenant' here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  B.join();
}

// A final class has no other dynamic type.
void final_class(WorkPool &Pool, Final &F) {
  Pool.submit(&F);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'WorkPool::submit'
  // CHECK: :51:31: note: 'Final::run' calls 'current_tenant' here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:15: note: no fix-it: the task is passed as 'Task', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
}

// The object hands itself over.
WorkPool *the_pool();
void Upload::start_self() { the_pool()->submit(this); }
// CHECK: :[[@LINE-1]]:29: warning: thread-local 'tenant' is read in a task started by 'WorkPool::submit'
// CHECK: :27:31: note: 'Upload::run' calls 'current_tenant' here
// CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
// CHECK: :[[@LINE-4]]:48: note: no fix-it: the task is passed as 'Task', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task

// Negative: a base pointer or reference of unknown origin: silent, even
// though an overrider in this file reads the context.
void unknown_dynamic_type(WorkPool &Pool, Task &T, Task *P) {
  Pool.submit(&T);
  Pool.submit(P);
  std::thread(&Task::run, P).join();
}

// Negative: the dynamic type's run() does not read the context, whatever
// its base's does.
void quiet_tasks(WorkPool &Pool) {
  Pool.submit(new Quiet);
  Muted M;
  Pool.submit(&M);
  std::thread(&Logged::run, &M).join();
}

// Negative: run() called inline is no spawn.
void inline_run() {
  Upload U;
  U.run();
}

int main() {
  enter(1);
  WorkPool Pool;
  known_dynamic_type(Pool);
  member_pointer_on_object();
  Final F;
  final_class(Pool, F);
  Upload U;
  U.start_self();
  // The helper spawns its parameter: here the object's type is known.
  unknown_dynamic_type(Pool, U, &U);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'unknown_dynamic_type' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :115:3: note: 'unknown_dynamic_type' starts the task with 'WorkPool::submit' here
  // CHECK: :27:31: note: 'Upload::run' calls 'current_tenant' here
  // CHECK: :17:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-5]]:30: note: no fix-it: the task is passed as 'Task', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
  quiet_tasks(Pool);
  inline_run();
}
