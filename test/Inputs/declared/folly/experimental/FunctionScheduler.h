// Declared API surface of folly/experimental/FunctionScheduler.h (see
// ../../README.md): a thread that runs functions at intervals.
#pragma once
#include "folly/Function.h"
#include <chrono>
#include <string>

namespace folly {
class FunctionScheduler {
public:
  FunctionScheduler();
  ~FunctionScheduler();
  void addFunction(Function<void()> &&cb, std::chrono::milliseconds interval,
                   std::string nameID = std::string(),
                   std::chrono::milliseconds startDelay =
                       std::chrono::milliseconds(0));
  bool start();
  bool shutdown();
};
} // namespace folly
