#pragma once
#include <string>

extern thread_local std::string request_id;
void begin_request(const std::string &Id);
// Defined in audit.cpp: reads request_id.
void audit(const char *What);
