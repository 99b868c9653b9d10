#include "audit.h"
#include "context.h"

void audit(const char *What) {
  std::printf("audit %s %s\n", current_request_id.c_str(), What);
}
