#include <functional>
#include <string>

// Abstract interfaces whose implementations are in other files.
struct Relay {
  virtual ~Relay() = default;
  virtual void forward(std::function<void()> F) = 0;
};
struct Poster {
  virtual ~Poster() = default;
  virtual void post(std::function<void()> F) = 0;
};
struct Caller {
  virtual ~Caller() = default;
  virtual void invoke(std::function<void()> F) = 0;
};
struct Sink {
  virtual ~Sink() = default;
  virtual void write() = 0;
};
struct Clock {
  virtual ~Clock() = default;
  virtual void tick() = 0;
};

// Members with a body of their own, defined in sinks.cpp: one nothing
// overrides, one with an override.
struct Gauge {
  virtual ~Gauge() = default;
  virtual void sample();
};
struct Auditor {
  virtual ~Auditor() = default;
  virtual void check();
};

Relay &relay();
Gauge &gauge();
Auditor &auditor();
Poster &poster();
Caller &caller();
Sink &sink();
Clock &wallClock();
extern thread_local std::string user;
