#pragma once
#include <string>

extern thread_local std::string request_id;

void set_request(const std::string &Id);
void log_event(const char *What);
void handle(int Order);
