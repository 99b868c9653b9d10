#include "logging.h"
#include <future>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

struct Node {
  Node *Next = nullptr;
};
struct NodeQueue {
  void push(Node *N);
};

void serve(std::vector<std::thread> &Workers, NodeQueue &Queue, Node &N) {
  set_request("req-1");
  Workers.emplace_back(handle, 1);
  auto Owned = std::make_unique<std::thread>([] { handle(2); });
  std::packaged_task<void(int)> Task(handle);
  std::thread Worker(std::move(Task), 3);
  Queue.push(&N);
  Worker.join();
  Owned->join();
}
