// Declared API surface of folly/Executor.h (see ../README.md).
#pragma once
#include <functional>

namespace folly {
using Func = std::function<void()>;

class Executor {
public:
  virtual ~Executor();
  virtual void add(Func func) = 0;
};
} // namespace folly
