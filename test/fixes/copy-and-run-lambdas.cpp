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

// copy-and-run on tasks written as lambdas: every capture form gets the
// snapshot as one more init-capture, and the body starts by restoring it.

#include <future>
#include <string>
#include <thread>
#include <utility>

// FIXED: #include <ctxloss/context.h>

thread_local std::string request_id;

void set_request(const std::string &Id) { request_id = Id; }
void log_event(const char *Msg) { (void)Msg, (void)request_id.size(); }
void charge(int Order) { log_event("charge"), (void)Order; }

void empty_captures() {
  std::thread A([] { charge(1); });
  // FIXED: std::thread A([ctx_request_id = request_id] { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); charge(1); });
  std::thread B([]() { charge(2); });
  // FIXED: std::thread B([ctx_request_id = request_id]() { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); charge(2); });
  A.join();
  B.join();
}

void capture_defaults(int Order) {
  std::thread A([=] { charge(Order); });
  // FIXED: std::thread A([=, ctx_request_id = request_id] { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); charge(Order); });
  std::thread B([&] { charge(Order); });
  // FIXED: std::thread B([&, ctx_request_id = request_id] { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); charge(Order); });
  A.join();
  B.join();
}

void explicit_captures(int Order, int Extra) {
  std::thread A([Order, &Extra] { charge(Order + Extra); });
  // FIXED: std::thread A([Order, &Extra, ctx_request_id = request_id] { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); charge(Order + Extra); });
  std::thread B([Copy = Order] { charge(Copy); });
  // FIXED: std::thread B([Copy = Order, ctx_request_id = request_id] { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); charge(Copy); });
  A.join();
  B.join();
}

struct Checkout {
  int Order = 0;
  void submit();
};

void Checkout::submit() {
  std::thread T([this] { charge(Order); });
  // FIXED: std::thread T([this, ctx_request_id = request_id] { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); charge(Order); });
  T.join();
}

void mutable_and_generic() {
  std::thread A([Count = 0]() mutable { charge(++Count); });
  // FIXED: std::thread A([Count = 0, ctx_request_id = request_id]() mutable { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); charge(++Count); });
  std::thread B([](auto Order) { charge(Order); }, 3);
  // FIXED: std::thread B([ctx_request_id = request_id](auto Order) { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); charge(Order); }, 3);
  std::thread C([](auto &&...Orders) { (charge(Orders), ...); }, 4, 5);
  // FIXED: std::thread C([ctx_request_id = request_id](auto &&...Orders) { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); (charge(Orders), ...); }, 4, 5);
  A.join();
  B.join();
  C.join();
}

// A body over several lines: the restore gets a line of its own, indented
// like the first statement.
int multi_line() {
  auto Result = std::async(std::launch::async, [](int Order) -> int {
    charge(Order);
    return Order;
  }, 6);
  // FIXED: auto Result = std::async(std::launch::async, [ctx_request_id = request_id](int Order) -> int {
  // FIXED-NEXT: ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
  // FIXED-NEXT: charge(Order);
  // FIXED-NEXT: return Order;
  // FIXED-NEXT: }, 6);
  return Result.get();
}

// A read in the lambda itself; a name the lambda already uses is not reused.
void reads_in_lambda() {
  std::thread T([](int ctx_request_id) {
    (void)request_id.size(), (void)ctx_request_id;
  }, 7);
  // FIXED: std::thread T([ctx_request_id_1 = request_id](int ctx_request_id) {
  // FIXED-NEXT: ctxloss::scoped_value restore_request_id(request_id, ctx_request_id_1);
  // FIXED-NEXT: (void)request_id.size(), (void)ctx_request_id;
  // FIXED-NEXT: }, 7);
  T.join();
}
