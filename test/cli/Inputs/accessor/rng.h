#pragma once
// OpenCV's shape: the generator lives in per-thread data reached through an
// accessor in one file, handed out by theRNG() in another.
struct RNG {
  unsigned state = 1;
  unsigned next();
};
struct CoreData {
  RNG rng;
};
CoreData &coreData();
RNG &theRNG();
void setSeed(unsigned S);
unsigned peek();
