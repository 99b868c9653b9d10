#include "context.h"

thread_local std::string current_request_id;

void adopt_request(const std::string &Id) { current_request_id = Id; }
void install_default() { current_request_id = "default"; }
void note_request(const std::string &Id) { std::printf("%s\n", Id.c_str()); }
