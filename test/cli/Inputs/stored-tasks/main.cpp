#include "crew.h"

thread_local std::string user;
void audit() { (void)user.size(); }

void serve(Crew &C) {
  C.hand([] { audit(); });
  C.hand([] { user = "batch"; });
}
