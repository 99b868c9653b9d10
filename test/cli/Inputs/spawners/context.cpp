#include "context.h"

thread_local std::string current_request_id;
