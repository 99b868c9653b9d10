#include "task.h"
#include <thread>

void serve(Pool &P, Task &Unknown) {
  set_tenant(1);
  P.submit(new Upload);
  Upload U;
  std::thread T(&Task::run, &U);
  T.join();
  P.submit(&Unknown);
}
