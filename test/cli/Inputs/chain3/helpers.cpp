#include <chrono>
#include <functional>
#include <future>

// A spawning helper: whoever calls it hands a task to std::async.
void run_with_timeout(std::function<void()> Task,
                      std::chrono::milliseconds Timeout) {
  auto Done = std::async(std::launch::async, Task);
  Done.wait_for(Timeout);
}
