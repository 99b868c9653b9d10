#include "crew.h"

Crew::Crew() { threads_.emplace_back([this] { loop(); }); }

void Crew::hand(std::function<void()> F) {
  std::lock_guard<std::mutex> Lock(mu_);
  queue_.push_back(Item());
  auto &Back = queue_.back();
  Back.function = std::move(F);
}

void Crew::loop() {
  while (true) {
    std::function<void()> Fn;
    {
      std::lock_guard<std::mutex> Lock(mu_);
      if (queue_.empty())
        return;
      Fn = std::move(queue_.front().function);
      queue_.pop_front();
    }
    Fn();
  }
}
