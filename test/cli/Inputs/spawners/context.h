#pragma once
#include <string>

extern thread_local std::string current_request_id;

// Installs the request's id on this thread.
inline void begin_request(const std::string &Id) { current_request_id = Id; }
