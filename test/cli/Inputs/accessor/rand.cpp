#include "rng.h"
unsigned RNG::next() { return state = state * 3 + 1; }
RNG &theRNG() { return coreData().rng; }
void setSeed(unsigned S) { theRNG() = RNG{S}; }
unsigned peek() { return theRNG().state; }
