#include "helpers.h"
#include "context.h"
#include <chrono>
#include <future>
#include <thread>

void run_later(std::function<void()> F) { std::thread(F).detach(); }

void run_with_request(std::function<void()> F) {
  std::thread([F, rid = current_request_id] {
    begin_request(rid);
    F();
  }).detach();
}

void run_bounded(std::function<void()> F) {
  auto Done = std::async(std::launch::async, F);
  Done.wait_for(std::chrono::seconds(1));
}
