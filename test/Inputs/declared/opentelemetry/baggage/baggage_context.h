// Declared API surface of opentelemetry-cpp's baggage/baggage_context.h
// (see ../../README.md).
#pragma once
#include "opentelemetry/context/runtime_context.h"

namespace opentelemetry {
inline namespace v1 {
namespace baggage {
class Baggage {
public:
  bool GetValue(nostd::string_view key, std::string &value) const noexcept;
};

nostd::shared_ptr<Baggage>
GetBaggage(const context::Context &context) noexcept;
} // namespace baggage
} // namespace v1
} // namespace opentelemetry
