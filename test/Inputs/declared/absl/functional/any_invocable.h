// Declared API surface of absl/functional/any_invocable.h (see ../../README.md).
#pragma once
#include <utility>

namespace absl {
inline namespace lts_20220623 {
template <class Sig> class AnyInvocable;

template <class R, class... Args> class AnyInvocable<R(Args...)> {
public:
  AnyInvocable() noexcept;
  template <class F> AnyInvocable(F &&f) { (void)f; }
  AnyInvocable(AnyInvocable &&) noexcept;
  AnyInvocable &operator=(AnyInvocable &&) noexcept;
  ~AnyInvocable();
  R operator()(Args... args);
};
} // namespace lts_20220623
} // namespace absl
