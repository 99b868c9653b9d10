// RUN: %clang_tidy_plugin %s --checks='-*,context-write-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-write-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// A task that raises a thread-local through a setter and puts the value it
// saved from the getter back (`prev = GetLevel(); SetLevel(v); ...
// SetLevel(prev)`, also under `if (prev != v)`, and under the same `if` as
// the raise) leaves nothing written: the spawner's read after the join is
// silent. RocksDB's CompactionJob::ProcessKeyValueCompaction raises its
// perf level this way. A setter called with any other value, a restore on
// one branch only, or a comparison with another value keeps the task's
// write, and the read is reported.

#include <thread>

enum Level { kOff, kCount, kTime };
thread_local Level level = kCount;
void use_int(int);

void SetLevel(Level L) { level = L; }
Level GetLevel() { return level; }
Level pick() { return kOff; }
void timed_read() { use_int(level); }

// Negative: save, raise, restore when it changed.
void restored_when_changed() {
  std::thread T([] {
    Level prev = GetLevel();
    SetLevel(kTime);
    timed_read();
    if (prev != kTime)
      SetLevel(prev);
  });
  T.join();
  use_int(level);
}

// Negative: save, raise, restore.
void restored() {
  std::thread T([] {
    Level prev = GetLevel();
    SetLevel(kTime);
    timed_read();
    SetLevel(prev);
  });
  T.join();
  use_int(level);
}

// Negative: the shape of RocksDB's compaction: the saved value is assigned
// under the same condition as the raise, and restored under it again.
void process(bool Measure) {
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
void restored_under_condition(bool Measure) {
  std::thread T(process, Measure);
  T.join();
  use_int(level);
}

// Positive: the task raises the level and keeps it.
void kept() {
  std::thread T([] { SetLevel(kTime); timed_read(); });
  T.join();
  use_int(level);
}

// Positive: the value put back is not the saved one.
void set_unrelated() {
  std::thread T([] {
    Level other = pick();
    SetLevel(kTime);
    timed_read();
    SetLevel(other);
  });
  T.join();
  use_int(level);
}

// Positive: restored on one branch only.
void restored_on_one_branch(bool Quick) {
  std::thread T([Quick] {
    Level prev = GetLevel();
    SetLevel(kTime);
    timed_read();
    if (Quick)
      SetLevel(prev);
  });
  T.join();
  use_int(level);
}

// Positive: the comparison is with another value than the one set.
void compared_with_other_value() {
  std::thread T([] {
    Level prev = GetLevel();
    SetLevel(kTime);
    timed_read();
    if (prev != kCount)
      SetLevel(prev);
  });
  T.join();
  use_int(level);
}

// Positive: the condition is assigned in between: the later `if` may take
// the other branch.
void process_reassigned(bool Measure) {
  Level prev = kOff;
  if (Measure) {
    prev = GetLevel();
    SetLevel(kTime);
  }
  Measure = !Measure;
  if (Measure) {
    if (prev != kTime)
      SetLevel(prev);
  }
}
void restored_under_changed_condition(bool Measure) {
  std::thread T(process_reassigned, Measure);
  T.join();
  use_int(level);
}

// The findings, in the order of the reads.

// CHECK: :75:11: warning: thread-local 'level' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :73:15: note: 'kept' starts the task with 'std::thread' here
// CHECK: :73:22: note: the lambda calls 'SetLevel' here
// CHECK: :21:26: note: 'SetLevel' writes thread-local 'level' here
// CHECK: :74:5: note: 'kept' waits for the task with 'join' here
// CHECK: :75:11: note: return the value from the task and set it on this thread, or pass it back explicitly

// CHECK: :87:11: warning: thread-local 'level' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :80:15: note: 'set_unrelated' starts the task with 'std::thread' here
// CHECK: :82:5: note: the lambda calls 'SetLevel' here
// CHECK: :21:26: note: 'SetLevel' writes thread-local 'level' here
// CHECK: :86:5: note: 'set_unrelated' waits for the task with 'join' here
// CHECK: :87:11: note: return the value from the task and set it on this thread, or pass it back explicitly

// CHECK: :100:11: warning: thread-local 'level' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :92:15: note: 'restored_on_one_branch' starts the task with 'std::thread' here
// CHECK: :94:5: note: the lambda calls 'SetLevel' here
// CHECK: :21:26: note: 'SetLevel' writes thread-local 'level' here
// CHECK: :99:5: note: 'restored_on_one_branch' waits for the task with 'join' here
// CHECK: :100:11: note: return the value from the task and set it on this thread, or pass it back explicitly

// CHECK: :113:11: warning: thread-local 'level' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :105:15: note: 'compared_with_other_value' starts the task with 'std::thread' here
// CHECK: :107:5: note: the lambda calls 'SetLevel' here
// CHECK: :21:26: note: 'SetLevel' writes thread-local 'level' here
// CHECK: :112:5: note: 'compared_with_other_value' waits for the task with 'join' here
// CHECK: :113:11: note: return the value from the task and set it on this thread, or pass it back explicitly

// CHECK: :133:11: warning: thread-local 'level' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
// CHECK: :131:15: note: 'restored_under_changed_condition' starts the task with 'std::thread' here
// CHECK: :122:5: note: 'process_reassigned' calls 'SetLevel' here
// CHECK: :21:26: note: 'SetLevel' writes thread-local 'level' here
// CHECK: :132:5: note: 'restored_under_changed_condition' waits for the task with 'join' here
// CHECK: :133:11: note: return the value from the task and set it on this thread, or pass it back explicitly
