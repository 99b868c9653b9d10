#pragma once
#include <string>

extern thread_local std::string tenant;
void set_tenant(const std::string &Tenant);
void audit_event(const char *What);
std::string lookup_tenant(const std::string &Token);
void authenticate(const std::string &Token);
