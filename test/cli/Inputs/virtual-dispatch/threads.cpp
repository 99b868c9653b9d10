#include "relay.h"
#include <thread>

// The only Relay: starts a thread.
struct ThreadRelay : Relay {
  void forward(std::function<void()> F) override { std::thread(std::move(F)).detach(); }
};
Relay &relay() {
  static ThreadRelay R;
  return R;
}

// The only Caller: runs the task inline, on the calling thread.
struct InlineCaller : Caller {
  void invoke(std::function<void()> F) override { F(); }
};
Caller &caller() {
  static InlineCaller C;
  return C;
}

// Two Posters: one runs the task inline, one on a thread of its own.
struct InlinePoster : Poster {
  void post(std::function<void()> F) override { F(); }
};
struct ThreadPoster : Poster {
  void post(std::function<void()> F) override { std::thread(std::move(F)).detach(); }
};
Poster &poster() {
  static ThreadPoster P;
  return P;
}
