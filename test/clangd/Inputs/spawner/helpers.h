#pragma once
#include <functional>

// Runs F later, on a thread of its own.
void run_later(std::function<void()> F);
