#include "context.h"

thread_local std::string tenant;
