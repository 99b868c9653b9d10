#pragma once
#include <cstdio>
#include <string>

extern thread_local std::string current_request_id;

// Installs the request's id on this thread.
inline void begin_request(const std::string &Id) { current_request_id = Id; }

// Logs with the current request's id.
inline void log_line(const char *Msg) {
  std::printf("[%s] %s\n", current_request_id.c_str(), Msg);
}
