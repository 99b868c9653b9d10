#include "perf.h"
#include <thread>

void use_int(int);

void restored_when_changed() {
  std::thread T([] {
    Level prev = GetLevel();
    SetLevel(kTime);
    timed_read();
    if (prev != kTime)
      SetLevel(prev);
  });
  T.join();
  timed_read();
}

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
  timed_read();
}

void kept() {
  std::thread T([] { SetLevel(kTime); timed_read(); });
  T.join();
  timed_read();
}

void set_unrelated() {
  std::thread T([] {
    Level other = pick();
    SetLevel(kTime);
    timed_read();
    SetLevel(other);
  });
  T.join();
  timed_read();
}

void pooled_restored(WorkerPool &Pool) {
  Pool.submit([] {
    Level prev = GetLevel();
    SetLevel(kTime);
    timed_read();
    if (prev != kTime)
      SetLevel(prev);
  });
}

void pooled_kept(WorkerPool &Pool) {
  Pool.submit([] {
    SetLevel(kTime);
    timed_read();
  });
}
