// RUN: %clang_tidy_plugin %s --checks='-*,context-leaked-from-task' -- -std=c++17 -isystem %inputs/declared \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-leaked-from-task' -- -std=c++17 -isystem %inputs/declared \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// RocksDB's background pool (`rocksdb::Env::Schedule`) runs one job after
// another on its threads: a job that raises the perf level and keeps it
// leaks it to the next job. One that saves it from the getter and puts it
// back (also only when it changed, and under the same `if` as the raise)
// does not.

#include <rocksdb/env.h>

enum Level { kOff, kCount, kTime };
thread_local Level level = kCount;
void use_int(int);

void SetLevel(Level L) { level = L; }
Level GetLevel() { return level; }
void timed_read() { use_int(level); }

void raise_and_keep(void *) {
  SetLevel(kTime);
  timed_read();
}

void raise_and_restore(void *Arg) {
  bool Measure = Arg != nullptr;
  Level prev = kOff;
  if (Measure) {
    prev = GetLevel();
    SetLevel(kTime);
  }
  timed_read();
  if (Measure) {
    if (prev != kTime)
      SetLevel(prev);
  }
}

void schedule(rocksdb::Env *Env, void *Arg) {
  Env->Schedule(&raise_and_keep, Arg);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'level' is left set by a task started by 'rocksdb::Env::Schedule': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :23:3: note: 'raise_and_keep' calls 'SetLevel' here
  // CHECK: :18:26: note: 'SetLevel' sets thread-local 'level' here
  // CHECK: :25:1: note: 'raise_and_keep' ends here without restoring it
  // CHECK: :18:26: note: no fix: the context is set in 'SetLevel', which the task calls; a scope object there would end with the call
  Env->Schedule(&raise_and_restore, Arg);
}
