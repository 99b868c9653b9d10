#include "options.h"
Options &CurrentOptions() {
  thread_local Options O;
  return O;
}
void SetOptions(Options O) { CurrentOptions() = O; }
