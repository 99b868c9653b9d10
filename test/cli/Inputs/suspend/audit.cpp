#include "context.h"
#include <cstdio>

thread_local std::string request_id;
void begin_request(const std::string &Id) { request_id = Id; }
void audit(const char *What) { std::printf("%s %s\n", request_id.c_str(), What); }
