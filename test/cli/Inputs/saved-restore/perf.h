#pragma once
#include <functional>

enum Level { kOff, kCount, kTime };
extern thread_local Level level;

void SetLevel(Level L);
Level GetLevel();
Level pick();
void timed_read();

class WorkerPool {
public:
  void submit(std::function<void()> Task);
};
