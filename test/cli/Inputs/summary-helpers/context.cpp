#include "context.h"
#include <cstdio>

thread_local std::string tenant;

void log_tenant() { std::printf("%s\n", tenant.c_str()); }
