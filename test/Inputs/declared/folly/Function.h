// Declared API surface of folly/Function.h (see ../README.md).
#pragma once

namespace folly {
template <typename FunctionType> class Function;

template <typename ReturnType, typename... Args>
class Function<ReturnType(Args...)> {
public:
  Function() noexcept;
  template <typename Fun> Function(Fun fun) { (void)fun; }
  Function(Function &&) noexcept;
  Function &operator=(Function &&) noexcept;
  ~Function();
  ReturnType operator()(Args... args);
};
} // namespace folly
