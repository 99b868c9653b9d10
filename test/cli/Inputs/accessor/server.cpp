#include "options.h"
#include <thread>
int timeout() { return CurrentOptions().timeout; }
void serve(Options O) {
  SetOptions(O);
  std::thread Worker([] { timeout(); });
  Worker.join();
  std::thread Restored([O] {
    SetOptions(O);
    timeout();
  });
  Restored.join();
}
