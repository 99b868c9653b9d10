// Declared API surface of opentelemetry-cpp's api/include/opentelemetry/
// context/runtime_context.h (see ../../README.md).
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace opentelemetry {
inline namespace v1 {
namespace nostd {
template <class T> using shared_ptr = std::shared_ptr<T>;
template <class T> using unique_ptr = std::unique_ptr<T>;
using string_view = std::string_view;
} // namespace nostd
namespace context {
using ContextValue = std::string;

class Context {
public:
  Context() = default;
  ContextValue GetValue(nostd::string_view key) const noexcept;
  Context SetValue(nostd::string_view key, ContextValue value) noexcept;
};

class Token {
public:
  ~Token();
};

class RuntimeContext {
public:
  static Context GetCurrent() noexcept;
  static nostd::unique_ptr<Token> Attach(const Context &context) noexcept;
  static bool Detach(Token &token) noexcept;
  static ContextValue GetValue(nostd::string_view key,
                               Context *context = nullptr) noexcept;
  static Context SetValue(nostd::string_view key, const ContextValue &value,
                          Context *context = nullptr) noexcept;
};
} // namespace context
} // namespace v1
} // namespace opentelemetry
