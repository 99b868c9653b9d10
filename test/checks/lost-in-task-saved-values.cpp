// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Which values kept aside are saves: only the value of a getter, a function
// that reads the context itself, in a function that then writes it. Any
// other call whose result initialises a local is a use, as RocksDB's
// `IOStatus s = file->Append(...)` reaching a timer that reads the perf
// level.

#include <thread>

// RocksDB's shape: a perf level read by a timer's member initialiser deep in
// an I/O call, in a function that also changes the level.
thread_local int perf_level = 1;
void SetPerfLevel(int L) { perf_level = L; }
struct PerfStepTimer {
  PerfStepTimer() : Enabled(perf_level > 2) {}
  bool Enabled;
};
int Append() {
  PerfStepTimer Timer;
  return Timer.Enabled ? 1 : 0;
}
// The result of Append() is kept in a local, but Append is no getter: the
// read is further down, so this is a use.
void WriteBlock() {
  int Status = Append();
  (void)Status;
  SetPerfLevel(1);
}
void writer_thread() {
  std::thread Writer([] { WriteBlock(); });
  Writer.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-local 'perf_level' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:27: note: the lambda calls 'WriteBlock' here
// CHECK: :[[@LINE-10]]:16: note: 'WriteBlock' calls 'Append' here
// CHECK: :[[@LINE-17]]:17: note: 'Append' calls 'PerfStepTimer::PerfStepTimer' here
// CHECK: :[[@LINE-22]]:29: note: 'PerfStepTimer::PerfStepTimer' reads thread-local 'perf_level' here

// A getter's value kept aside before the function writes the level saves it.
int GetPerfLevel() { return perf_level; }
void WithLevel() {
  int Previous = GetPerfLevel();
  SetPerfLevel(3);
  SetPerfLevel(Previous);
}
void saver_thread() {
  std::thread Saver([] { WithLevel(); });
  Saver.join();
}
