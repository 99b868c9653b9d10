// RUN: sed -e 's,// [A-Z-]*:.*,,' %s > %t.cpp
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -I%S/Inputs \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %clang_tidy_plugin %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -I%S/Inputs \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Task objects whose dynamic type the spawn site does not show. A class
// defined in the main file (or in an anonymous namespace) can only be
// derived from in this file: when it and the classes derived from it run
// one body, that body is the task. Several bodies are a guess, left to the
// TaskObjectOverrides option. And a task object that a parameter points
// to, through a local smart pointer, makes its function a spawning helper.

#include "shared_task.h"
#include <memory>

thread_local int tenant = 0;

void enter(int T) { tenant = T; }
int current_tenant() { return tenant; }

class Task {
public:
  virtual ~Task() = default;
  virtual void run() = 0;
};

// The only class this file derives from Task.
class Parser : public Task {
public:
  void run() override { (void)current_tenant(); }
};

// Two bodies: Relay::run and Echo::run.
class Relay : public Task {
public:
  void run() override {}
};
class Echo : public Relay {
public:
  void run() override { (void)current_tenant(); }
};

// An abstract base with one concrete class derived from it.
class Job {
public:
  virtual ~Job() = default;
  virtual void run() = 0;
};
class Fetch : public Job {
public:
  void run() override { (void)current_tenant(); }
};

// Only this file's class derives from SharedTask here, but others may.
class Reader : public SharedTask {
public:
  void run() override { (void)current_tenant(); }
};

// A pool whose body this file does not see (the pool-name heuristic).
class WorkPool {
public:
  void submit(Task &T);
  void submit(Job &J);
  void submit(SharedTask &T);
};

class Listener {
public:
  void open();
  void open_relay();
  void open_shared();
  WorkPool Pool;
  Parser *TheParser = nullptr;
  Relay *TheRelay = nullptr;
  SharedTask *TheReader = nullptr;
};

void Listener::open() {
  Pool.submit(*TheParser);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'WorkPool::submit' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:15: note: the task object's dynamic type is not known here, but every 'Parser' runs 'Parser::run': only this file can derive from 'Parser'
  // CHECK: :31:31: note: 'Parser::run' calls 'current_tenant' here
  // CHECK: :20:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-5]]:15: note: no fix-it: the task is passed as 'Task', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
}

// An abstract base with one concrete class derived from it here.
struct JobQueue {
  Job *Head = nullptr;
};
void start_any(WorkPool &Pool, JobQueue &Queue) {
  Pool.submit(*Queue.Head);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'WorkPool::submit' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:15: note: the task object's dynamic type is not known here, but every 'Job' runs 'Fetch::run': only this file can derive from 'Job'
  // CHECK: :52:31: note: 'Fetch::run' calls 'current_tenant' here
  // CHECK: :20:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-5]]:15: note: no fix-it: the task is passed as 'Job', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
}

// Negative: a Relay runs Relay::run or Echo::run; the engine does not
// guess which.
void Listener::open_relay() { Pool.submit(*TheRelay); }

// Negative: a SharedTask may be of a class another file derives.
void Listener::open_shared() { Pool.submit(*TheReader); }

// A parameter held in a local smart pointer: the helper's callers pass the
// task.
void start_owned(WorkPool &Pool, Task *Given) {
  std::unique_ptr<Task> Owned(Given);
  Pool.submit(*Owned);
  Owned.release();
}

// A local smart pointer made from a new object shows its dynamic type.
void start_new(WorkPool &Pool) {
  std::unique_ptr<Task> Owned(new Parser);
  Pool.submit(*Owned);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'WorkPool::submit' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :31:31: note: 'Parser::run' calls 'current_tenant' here
  // CHECK: :20:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:15: note: no fix-it: the task is passed as 'Task', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
  Owned.release();
}

int main() {
  enter(1);
  WorkPool Pool;
  start_owned(Pool, new Parser);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'start_owned' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :113:3: note: 'start_owned' starts the task with 'WorkPool::submit' here
  // CHECK: :31:31: note: 'Parser::run' calls 'current_tenant' here
  // CHECK: :20:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-5]]:21: note: no fix-it: the task is passed as 'Task', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
  // Negative: a Relay's run does not read the context.
  start_owned(Pool, new Relay);
  Listener L;
  L.open();
  L.open_relay();
  L.open_shared();
  JobQueue Queue;
  start_any(Pool, Queue);
  start_new(Pool);
}
