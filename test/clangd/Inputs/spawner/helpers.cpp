#include "helpers.h"
#include <thread>

void run_later(std::function<void()> F) { std::thread(F).detach(); }
