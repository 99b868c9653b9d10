#include "helpers.h"
#include "context.h"
#include <thread>

void run_later(std::function<void()> F) { std::thread(F).detach(); }

void run_with_request(std::function<void()> F) {
  std::thread([F, rid = current_request_id] {
    begin_request(rid);
    F();
  }).detach();
}
