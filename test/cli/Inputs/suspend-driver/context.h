#pragma once
#include <functional>
#include <string>

extern thread_local std::string request_id;
// Defined in audit.cpp: sets request_id.
void begin_request(const std::string &Id);
void enter_pending_request();
// Defined in audit.cpp: reads request_id.
void audit(const char *What);
// Defined in pool.cpp: runs Fn on a new thread (directly, or through
// run_detached), or right here.
void run_detached(std::function<void()> Fn);
void hand_to_worker(std::function<void()> Fn);
void run_inline(std::function<void()> Fn);
