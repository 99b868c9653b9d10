#include "status.h"

struct StatusData {
  int Type = 0;
};
thread_local StatusData *status = nullptr;
thread_local bool initialized = false;

void register_thread(int Type) {
  if (!initialized) {
    initialized = true;
    status = new StatusData{Type};
  }
}
void unregister_thread() {
  initialized = false;
  delete status;
  status = nullptr;
}
int current_type() { return status ? status->Type : -1; }
