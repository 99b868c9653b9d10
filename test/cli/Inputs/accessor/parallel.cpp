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
