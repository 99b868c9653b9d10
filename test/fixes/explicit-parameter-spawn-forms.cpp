// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   --config="{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++17 > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall -Wshadow-all %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 | count 0

// explicit-parameter on threads constructed in place: a named function
// emplaced with its arguments gets the value as one more argument, which
// the container forwards to the thread's constructor; a lambda handed to
// std::make_unique<std::thread> captures it.

#include <memory>
#include <string>
#include <thread>
#include <vector>

thread_local std::string request_id;

void set_request(const std::string &Id) { request_id = Id; }
void charge(int Order) { (void)Order, (void)request_id.size(); }
// FIXED: void charge(int Order, const std::string &ctx_request_id) { (void)Order, (void)ctx_request_id.size(); }

void workers(std::vector<std::thread> &Workers, int Order) {
  Workers.emplace_back(charge, Order);
  // FIXED: Workers.emplace_back(charge, Order, request_id);
  auto T = std::make_unique<std::thread>([] { (void)request_id.size(); });
  // FIXED: auto T = std::make_unique<std::thread>([ctx_request_id = request_id] { (void)ctx_request_id.size(); });
  T->join();
}
