#include "context.h"
#include <cstdio>

thread_local std::string request_id;
void begin_request(const std::string &Id) { request_id = Id; }
static std::string pending() { return "r-pending"; }
void enter_pending_request() { request_id = pending(); }
void audit(const char *What) { std::printf("%s %s\n", request_id.c_str(), What); }
