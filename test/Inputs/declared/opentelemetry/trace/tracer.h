// Declared API surface of opentelemetry-cpp's trace API: span, scope,
// tracer and trace/context.h (see ../../README.md).
#pragma once
#include "opentelemetry/context/runtime_context.h"

namespace opentelemetry {
inline namespace v1 {
namespace trace {
class Span {
public:
  virtual ~Span();
  virtual void AddEvent(nostd::string_view name) noexcept = 0;
  virtual void End() noexcept = 0;
};

struct StartSpanOptions {
  context::Context parent;
};

class Scope {
public:
  Scope(const nostd::shared_ptr<Span> &span) noexcept;
  ~Scope();
};

class Tracer {
public:
  virtual ~Tracer();
  nostd::shared_ptr<Span> StartSpan(nostd::string_view name,
                                    const StartSpanOptions &options = {}) noexcept;
  static nostd::shared_ptr<Span> GetCurrentSpan() noexcept;
  static Scope WithActiveSpan(nostd::shared_ptr<Span> &span) noexcept;
};

nostd::shared_ptr<Span> GetSpan(const context::Context &context) noexcept;
} // namespace trace
} // namespace v1
} // namespace opentelemetry
