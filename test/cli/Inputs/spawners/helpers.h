#pragma once
#include <functional>

// Runs F later, on a thread of its own.
void run_later(std::function<void()> F);
// Runs F later, on a thread of its own, with the caller's request id.
void run_with_request(std::function<void()> F);
// Runs F on a thread of its own, waiting a second at most.
void run_bounded(std::function<void()> F);
