#pragma once
#include <string>

extern thread_local std::string tenant;
