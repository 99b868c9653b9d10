#pragma once
#include <cstdio>
#include <string>

extern thread_local std::string current_request_id;

inline void log_current() { std::printf("%s\n", current_request_id.c_str()); }

// Defined in context.cpp.
void adopt_request(const std::string &Id);
void install_default();
void note_request(const std::string &Id);
// In a library: no file of the program defines it.
void adopt_unknown(const std::string &Id);
