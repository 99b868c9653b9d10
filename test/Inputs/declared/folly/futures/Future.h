// Declared API surface of folly/futures/Future.h (see ../../README.md):
// `via(executor, func)` only, in its executor-pointer form.
#pragma once
#include "folly/Executor.h"

namespace folly {
template <class T> class Future {
public:
  T get() &&;
};
template <class Func> auto via(Executor *x, Func &&func) -> Future<int> {
  (void)x, (void)func;
  return {};
}
} // namespace folly
