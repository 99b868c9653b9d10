#include "rng.h"
CoreData &coreData() {
  thread_local CoreData D;
  return D;
}
