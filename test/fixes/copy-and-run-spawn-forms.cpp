// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   -- -std=c++17 -I%ctxloss_include > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall -Wshadow-all \
// RUN:   -I%ctxloss_include %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 -I%ctxloss_include | count 0
// The plugin in the stock clang-tidy makes the same edits.
// RUN: cp %s %t/plugin.cpp
// RUN: %clang_tidy_plugin %t/plugin.cpp --checks='-*,context-lost-in-task' \
// RUN:   --fix -- -std=c++17 -I%ctxloss_include > %t/out.txt
// RUN: diff %t/fixed.cpp %t/plugin.cpp

// copy-and-run on spawns as application code writes them: a lambda that a
// container or std::make_unique hands to a thread it constructs in place is
// edited like any other; a named function is wrapped; a task held in a
// local (a std::packaged_task, a std::function) is wrapped at the spawn,
// where the snapshot belongs.

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

// FIXED: #include <ctxloss/context.h>

thread_local std::string request_id;

void set_request(const std::string &Id) { request_id = Id; }
void log_event(const char *Msg) { (void)Msg, (void)request_id.size(); }
void charge(int Order) { log_event("charge"), (void)Order; }

void workers(std::vector<std::thread> &Workers, int Order) {
  Workers.emplace_back([Order] { charge(Order); });
  // FIXED: Workers.emplace_back([Order, ctx_request_id = request_id] { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); charge(Order); });
  Workers.emplace_back(charge, Order);
  // FIXED: Workers.emplace_back([ctx_request_id = request_id, task = charge](auto &&...args) -> decltype(auto) {
  // FIXED-NEXT:   ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
  // FIXED-NEXT:   return std::invoke(task, std::forward<decltype(args)>(args)...);
  // FIXED-NEXT: }, Order);
}

std::unique_ptr<std::thread> owned(int Order) {
  std::optional<std::thread> Slot;
  Slot.emplace([&] { charge(Order); });
  // FIXED: Slot.emplace([&, ctx_request_id = request_id] { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); charge(Order); });
  Slot->join();
  return std::make_unique<std::thread>([Order] {
    charge(Order);
  });
  // FIXED: return std::make_unique<std::thread>([Order, ctx_request_id = request_id] {
  // FIXED-NEXT: ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
  // FIXED-NEXT: charge(Order);
  // FIXED-NEXT: });
}

void held(int Order) {
  std::packaged_task<void()> Task([Order] { charge(Order); });
  std::future<void> Done = Task.get_future();
  std::thread T(std::move(Task));
  // FIXED: std::thread T([ctx_request_id = request_id, task = std::move(Task)](auto &&...args) mutable -> decltype(auto) {
  // FIXED-NEXT:   ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
  // FIXED-NEXT:   return std::invoke(task, std::forward<decltype(args)>(args)...);
  // FIXED-NEXT: });
  T.join();
  Done.get();
  std::function<void()> F = [Order] { charge(Order); };
  std::thread U(F);
  // FIXED: std::thread U([ctx_request_id = request_id, task = F](auto &&...args) -> decltype(auto) {
  // FIXED-NEXT:   ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
  // FIXED-NEXT:   return std::invoke(task, std::forward<decltype(args)>(args)...);
  // FIXED-NEXT: });
  U.join();
}
