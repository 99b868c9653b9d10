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

Relay &relay();
Poster &poster();
Caller &caller();
Sink &sink();
Clock &wallClock();
extern thread_local std::string user;
