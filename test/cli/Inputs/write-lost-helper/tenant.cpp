#include "context.h"
#include <cstdio>

thread_local std::string tenant;

void set_tenant(const std::string &Tenant) { tenant = Tenant; }
void audit_event(const char *What) {
  std::printf("[%s] %s\n", tenant.c_str(), What);
}
std::string lookup_tenant(const std::string &Token) { return "t-" + Token; }
