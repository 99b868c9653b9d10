#pragma once
#include <functional>

// Queues F on the shared worker pool.
void post_to_pool(std::function<void()> F);
// Runs F on a thread of its own.
void run_detached(std::function<void()> F);
// Runs F on a thread of its own and waits for it.
void run_and_wait(std::function<void()> F);
// Runs F on a thread of its own, without waiting for it.
void run_later(std::function<void()> F);
