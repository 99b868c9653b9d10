#pragma once
#include <string>

extern thread_local std::string tenant;

// Prints the tenant (context.cpp).
void log_tenant();
