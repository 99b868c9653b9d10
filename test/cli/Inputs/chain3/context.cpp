#include "context.h"

thread_local std::string request_id;
thread_local int tenant;

void set_request(const std::string &Id) { request_id = Id, tenant = 1; }
