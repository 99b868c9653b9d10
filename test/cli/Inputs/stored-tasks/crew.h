#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// A home-made pool whose members are defined in crew.cpp, in the shape of
// RocksDB's ThreadPoolImpl: an element is appended, then its callable is
// assigned through a reference to it.
class Crew {
public:
  Crew();
  void hand(std::function<void()> F);

private:
  struct Item {
    std::function<void()> function;
    int tag = 0;
  };
  void loop();
  std::mutex mu_;
  std::deque<Item> queue_;
  std::vector<std::thread> threads_;
};
