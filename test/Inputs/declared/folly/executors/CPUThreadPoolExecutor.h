// Declared API surface of folly/executors/CPUThreadPoolExecutor.h (see
// ../../README.md).
#pragma once
#include "folly/Executor.h"
#include <cstddef>

namespace folly {
class CPUThreadPoolExecutor : public Executor {
public:
  explicit CPUThreadPoolExecutor(std::size_t numThreads);
  void add(Func func) override;
};
} // namespace folly
