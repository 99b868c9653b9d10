// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   --config="{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++17 > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall -Wshadow-all %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 | count 0
// RUN: cp %s %t/plugin.cpp
// RUN: %clang_tidy_plugin %t/plugin.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   --config="{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++17 > %t/out.txt
// RUN: diff %t/fixed.cpp %t/plugin.cpp

// explicit-parameter down call chains of depth 1 to 3. Every function on the
// chain gains a parameter on every declaration and its reads read it; every
// call from a function that has the value passes it. A function also called
// from off the chain gets a default argument equal to the original read, on
// its first declaration only, so those callers keep compiling and reading
// what they read before.

#include <future>
#include <string>
#include <thread>

thread_local std::string request_id;
thread_local int tenant = 0;

void enter(const std::string &Id, int T) { request_id = Id, tenant = T; }

// Depth 1, no other caller.
void log_one(const char *Msg) { (void)Msg, (void)request_id.size(); }
// FIXED: void log_one(const char *Msg, const std::string &ctx_request_id) { (void)Msg, (void)ctx_request_id.size(); }

void depth_one() {
  std::thread T([] { log_one("one"); });
  // FIXED: std::thread T([ctx_request_id = request_id] { log_one("one", ctx_request_id); });
  T.join();
}

// Depth 2, declared twice; the middle function is also called off the chain.
void log_two(const char *Msg);
// FIXED: void log_two(const char *Msg, const std::string &ctx_request_id);
void handle_two();
// FIXED: void handle_two(const std::string &ctx_request_id = request_id);
void handle_two() { log_two("two"); }
// FIXED: void handle_two(const std::string &ctx_request_id) { log_two("two", ctx_request_id); }
void log_two(const char *Msg) { (void)Msg, (void)::request_id.size(); }
// FIXED: void log_two(const char *Msg, const std::string &ctx_request_id) { (void)Msg, (void)ctx_request_id.size(); }

void depth_two() {
  std::thread T([] { handle_two(); });
  // FIXED: std::thread T([ctx_request_id = request_id] { handle_two(ctx_request_id); });
  T.join();
  handle_two(); // Off the chain: reads this thread's request_id, as before.
  // FIXED: handle_two(); // Off the chain: reads this thread's request_id, as before.
}

// Depth 3 through member functions, two variables, the reader also called
// off the chain.
struct Audit {
  static void record(int Amount);
  void check(int Amount);
};
// FIXED: static void record(int Amount, const std::string &ctx_request_id = request_id, int ctx_tenant = tenant);
// FIXED: void check(int Amount, const std::string &ctx_request_id, int ctx_tenant);
void Audit::record(int Amount) {
  (void)(Amount + tenant + static_cast<int>(request_id.size()));
}
// FIXED: void Audit::record(int Amount, const std::string &ctx_request_id, int ctx_tenant) {
// FIXED-NEXT: (void)(Amount + ctx_tenant + static_cast<int>(ctx_request_id.size()));
void Audit::check(int Amount) { record(Amount); }
// FIXED: void Audit::check(int Amount, const std::string &ctx_request_id, int ctx_tenant) { record(Amount, ctx_request_id, ctx_tenant); }
void charge(Audit &A, int Amount) { A.check(Amount); }
// FIXED: void charge(Audit &A, int Amount, const std::string &ctx_request_id, int ctx_tenant) { A.check(Amount, ctx_request_id, ctx_tenant); }

void depth_three(Audit &A) {
  std::thread T([&A] { charge(A, 3); });
  // FIXED: std::thread T([&A, ctx_request_id = request_id, ctx_tenant = tenant] { charge(A, 3, ctx_request_id, ctx_tenant); });
  T.join();
  Audit::record(4);
  // FIXED: Audit::record(4);
}

// A named function handed to std::thread or std::async: the spawn passes the
// value after the task's own arguments.
int cost(int Amount) { return Amount * tenant; }
// FIXED: int cost(int Amount, int ctx_tenant) { return Amount * ctx_tenant; }

int named_function() {
  auto Future = std::async(std::launch::async, cost, 5);
  // FIXED: auto Future = std::async(std::launch::async, cost, 5, tenant);
  return Future.get();
}

int price(int Amount) { return Amount + tenant; }
// FIXED: int price(int Amount, int ctx_tenant) { return Amount + ctx_tenant; }

struct Account {
  void charge(int Amount) { (void)price(Amount); }
  // FIXED: void charge(int Amount, int ctx_tenant) { (void)price(Amount, ctx_tenant); }
  void spawn();
};

void Account::spawn() {
  std::thread T(&Account::charge, this, 6);
  // FIXED: std::thread T(&Account::charge, this, 6, tenant);
  T.join();
}

// Two variables on different chains: 'trace' reads the span, 'step' reads
// the tenant and calls 'trace'. 'step' runs on the task's thread, so it
// takes the span too and passes it on, rather than read it there.
thread_local long span = 0;
void open_span(long S) { span = S; }
void trace() { (void)span; }
// FIXED: void trace(long ctx_span) { (void)ctx_span; }
void step() { (void)tenant, trace(); }
// FIXED: void step(int ctx_tenant, long ctx_span) { (void)ctx_tenant, trace(ctx_span); }

void two_chains() {
  std::thread T([] { step(), trace(); });
  // FIXED: std::thread T([ctx_span = span, ctx_tenant = tenant] { step(ctx_tenant, ctx_span), trace(ctx_span); });
  T.join();
}
