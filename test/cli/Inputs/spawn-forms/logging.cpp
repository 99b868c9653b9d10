#include "logging.h"

thread_local std::string request_id;

void set_request(const std::string &Id) { request_id = Id; }

void log_event(const char *What) { (void)What, (void)request_id.size(); }

void handle(int Order) { log_event("handled"), (void)Order; }
