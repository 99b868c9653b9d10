// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   -- -std=c++17 -isystem %S/../checks/Inputs/spdlog-mdc -I%ctxloss_include > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall -Wshadow-all \
// RUN:   -isystem %S/../checks/Inputs/spdlog-mdc -I%ctxloss_include %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 -isystem %S/../checks/Inputs/spdlog-mdc -I%ctxloss_include | count 0

// copy-and-run for the spdlog profile, against Debian's real spdlog headers
// and the declared <spdlog/mdc.h>: the task starts with a copy of the
// spawning thread's MDC map and puts the worker's own back when it ends.
// The include of <ctxloss/context.h> is added.

// FIXED: #include <future>
// FIXED-NEXT: #include <ctxloss/context.h>
// FIXED-NEXT: #include <spdlog/mdc.h>
#include <functional>
#include <future>
#include <spdlog/mdc.h>
#include <spdlog/spdlog.h>
#include <string>
#include <thread>

void configure() { spdlog::set_pattern("[%&] %v"); }

std::string current_user() { return spdlog::mdc::get("user"); }
std::string describe() { return "user " + current_user(); }
void audit() { spdlog::info("audit"); }

struct WorkerPool {
  void submit(std::function<void()> Task) { std::thread(std::move(Task)).detach(); }
};

void lambdas(WorkerPool &Pool, int Id) {
  std::thread Direct([] { (void)spdlog::mdc::get("user"); });
  // FIXED: std::thread Direct([ctx_spdlog = spdlog::mdc::get_context()] { ctxloss::scoped_value restore_spdlog(spdlog::mdc::get_context(), ctx_spdlog); (void)spdlog::mdc::get("user"); });
  Direct.join();
  std::thread Chain([] { (void)describe(); });
  // FIXED: std::thread Chain([ctx_spdlog = spdlog::mdc::get_context()] { ctxloss::scoped_value restore_spdlog(spdlog::mdc::get_context(), ctx_spdlog); (void)describe(); });
  Chain.join();
  Pool.submit([Id] {
    spdlog::info("job {}", Id);
  });
  // FIXED: Pool.submit([Id, ctx_spdlog = spdlog::mdc::get_context()] {
  // FIXED-NEXT: ctxloss::scoped_value restore_spdlog(spdlog::mdc::get_context(), ctx_spdlog);
  // FIXED-NEXT: spdlog::info("job {}", Id);
  // FIXED-NEXT: });
}

void named_function() {
  auto Logged = std::async(std::launch::async, audit);
  // FIXED: auto Logged = std::async(std::launch::async, [ctx_spdlog = spdlog::mdc::get_context(), task = audit](auto &&...args) -> decltype(auto) {
  // FIXED-NEXT:   ctxloss::scoped_value restore_spdlog(spdlog::mdc::get_context(), ctx_spdlog);
  // FIXED-NEXT:   return std::invoke(task, std::forward<decltype(args)>(args)...);
  // FIXED-NEXT: });
  Logged.wait();
}
