#pragma once
#include <string>

extern thread_local std::string request_id;
extern thread_local int tenant;

void set_request(const std::string &Id);

// A reader defined in the header: every translation unit that includes it
// has its body; the whole-program summary has it once.
inline int current_tenant() { return tenant; }
