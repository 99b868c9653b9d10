// RUN: sed -e 's,// [A-Z-]*:.*,,' %s > %t.cpp
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.TaskObjectOverrides: true}}" -- -std=c++17 -I%S/Inputs \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %clang_tidy_plugin %t.cpp --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.TaskObjectOverrides: true}}" -- -std=c++17 -I%S/Inputs \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// Off (the default), a task object of unknown dynamic type is unknown code.
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -I%S/Inputs | count 0
//
// A bad value is an error naming the option.
// RUN: not %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.TaskObjectOverrides: maybe}}" -- -std=c++17 -I%S/Inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD
// BAD: option 'TaskObjectOverrides': invalid value 'maybe' (expected 'true' or 'false')

// TaskObjectOverrides: a task object whose dynamic type the spawn site does
// not show (here, taken out of a queue) runs any override of its entry
// member that the translation unit defines.

#include "shared_task.h"
#include <vector>

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
};

class Quiet : public Task {
public:
  void run() override {}
};

// Every override of Job::run leaves the context alone.
class Job {
public:
  virtual ~Job() = default;
  virtual void run() = 0;
};
class Cleanup : public Job {
public:
  void run() override {}
};

// A pool whose body this file does not see (the pool-name heuristic).
class WorkPool {
public:
  void submit(Task *T);
  void submit(Job *J);
  void submit(SharedTask *T);
};

void drain(WorkPool &Pool, std::vector<Task *> &Queue) {
  for (Task *T : Queue)
    Pool.submit(T);
  // CHECK: :[[@LINE-1]]:5: warning: thread-local 'tenant' is read in a task started by 'WorkPool::submit' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:17: note: the task object's dynamic type is not known here: 'Upload::run' is one of the overrides of 'Task::run' in the classes this file derives from 'Task' (TaskObjectOverrides)
  // CHECK: :38:31: note: 'Upload::run' calls 'current_tenant' here
  // CHECK: :28:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-5]]:17: note: no fix-it: the task is passed as 'Task', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
}

// Negative: no override of Job::run reads the context.
void clean(WorkPool &Pool, std::vector<Job *> &Queue) {
  for (Job *J : Queue)
    Pool.submit(J);
}

// Negative here: a parameter's callers are reported where they pass an
// object (the helper is a spawning helper).
void forward(WorkPool &Pool, Task &T) { Pool.submit(&T); }

// A class a header declares: other files may derive from it, and the
// guess is among the overrides this translation unit defines.
class Audit : public SharedTask {
public:
  void run() override { (void)current_tenant(); }
};
void drain_shared(WorkPool &Pool, std::vector<SharedTask *> &Queue) {
  for (SharedTask *T : Queue)
    Pool.submit(T);
  // CHECK: :[[@LINE-1]]:5: warning: thread-local 'tenant' is read in a task started by 'WorkPool::submit' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:17: note: the task object's dynamic type is not known here: 'Audit::run' is one of the overrides of 'SharedTask::run' that this translation unit defines (TaskObjectOverrides)
  // CHECK: :89:31: note: 'Audit::run' calls 'current_tenant' here
  // CHECK: :28:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-5]]:17: note: no fix-it: the task is passed as 'SharedTask', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
}

int main() {
  enter(1);
  WorkPool Pool;
  std::vector<Task *> Queue;
  drain(Pool, Queue);
  std::vector<Job *> Jobs;
  clean(Pool, Jobs);
  Quiet Q;
  forward(Pool, Q);
  std::vector<SharedTask *> Shared;
  drain_shared(Pool, Shared);
}
