#include "rng.h"
#include <thread>
void parallel() {
  std::thread PutBack([Rng = theRNG()] {
    theRNG() = Rng;
    theRNG().next();
  });
  PutBack.join();
  std::thread Peek([] { peek(); });
  Peek.join();
}
// OpenCV's ParallelLoopBodyWrapper: the worker installs the caller's
// generator and later compares it with the copy.
struct Body {
  RNG Saved;
  void operator()() const {
    theRNG() = Saved;
    theRNG().next();
    (void)(theRNG().state == Saved.state);
  }
};
void parallel_body() {
  std::thread Worker(Body{theRNG()});
  Worker.join();
}
// The same worker without the put-back reads the worker thread's generator.
struct Peeker {
  RNG Saved;
  void operator()() const { (void)(theRNG().state == Saved.state); }
};
void parallel_peeker() {
  std::thread Worker(Peeker{theRNG()});
  Worker.join();
}
