#include <functional>
#include <thread>
#include <utility>

struct Holder {
  void (*Fn)();
};

void work() {}

// Spawns its parameter: the task is its callers'.
void run_later(std::function<void()> F) { std::thread(std::move(F)).detach(); }

void sites(Holder &H) {
  std::thread(work).detach(); // identified
  std::thread(H.Fn).detach(); // a member: not identified
  run_later(work);            // not a spawn site itself
}
