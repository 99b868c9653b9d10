// Declared API surface of gRPC's EventEngine (include/grpc/event_engine/
// event_engine.h, gRPC 1.51): the task-running members only.
#pragma once
#include <absl/functional/any_invocable.h>
#include <chrono>
#include <cstdint>

namespace grpc_event_engine {
namespace experimental {

class EventEngine {
public:
  using Duration = std::chrono::duration<int64_t, std::nano>;
  class Closure {
  public:
    Closure() = default;
    Closure(const Closure &) = delete;
    Closure &operator=(const Closure &) = delete;
    virtual ~Closure() = default;
    virtual void Run() = 0;
  };
  struct TaskHandle {
    intptr_t keys[2];
  };
  virtual ~EventEngine() = default;
  virtual void Run(Closure *closure) = 0;
  virtual void Run(absl::AnyInvocable<void()> closure) = 0;
  virtual TaskHandle RunAfter(Duration when, Closure *closure) = 0;
  virtual TaskHandle RunAfter(Duration when,
                              absl::AnyInvocable<void()> closure) = 0;
};

} // namespace experimental
} // namespace grpc_event_engine
