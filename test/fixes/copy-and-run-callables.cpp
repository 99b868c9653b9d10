// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   -- -std=c++17 -I%ctxloss_include > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall -Wshadow-all \
// RUN:   -I%ctxloss_include %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 -I%ctxloss_include | count 0
// RUN: cp %s %t/plugin.cpp
// RUN: %clang_tidy_plugin %t/plugin.cpp --checks='-*,context-lost-in-task' \
// RUN:   --fix -- -std=c++17 -I%ctxloss_include > %t/out.txt
// RUN: diff %t/fixed.cpp %t/plugin.cpp

// copy-and-run on callables that are not lambdas written in place: the
// callable is wrapped in a generic lambda that restores, then forwards the
// spawn's arguments, which stay where they were. The wrapper is `mutable`
// only for a function object without a const call operator.

#include <functional>
#include <future>
#include <string>
#include <thread>

// The runtime header is added; <functional>, for std::invoke, is there.
// FIXED: #include <ctxloss/context.h>
// FIXED-EMPTY:
// FIXED-NEXT: #include <functional>
// FIXED-NEXT: #include <future>

thread_local std::string user;

void login(const std::string &Name) { user = Name; }
void audit(int Amount) { (void)Amount, (void)user.size(); }
std::string current_user() { return user; }

struct Charger {
  void operator()(int Amount) const { audit(Amount); }
};

struct Counter {
  int Total = 0;
  void operator()(int Amount) { audit(Total += Amount); }
};

struct Account {
  void charge(int Amount) { audit(Amount); }
  void spawn_member();
};

void functions() {
  std::thread A(audit, 1);
  // FIXED: std::thread A([ctx_user = user, task = audit](auto &&...args) -> decltype(auto) {
  // FIXED-NEXT:   ctxloss::scoped_value restore_user(user, ctx_user);
  // FIXED-NEXT:   return std::invoke(task, std::forward<decltype(args)>(args)...);
  // FIXED-NEXT: }, 1);
  std::thread B(&audit, 2);
  // FIXED: std::thread B([ctx_user = user, task = &audit](auto &&...args) -> decltype(auto) {
  void (*Fn)(int) = audit;
  std::thread C(Fn, 3);
  // FIXED: std::thread C([ctx_user = user, task = Fn](auto &&...args) -> decltype(auto) {
  A.join();
  B.join();
  C.join();
}

void function_objects() {
  std::thread A(Charger{}, 4);
  // FIXED: std::thread A([ctx_user = user, task = Charger{}](auto &&...args) -> decltype(auto) {
  Charger C;
  std::thread B(std::ref(C), 5);
  // FIXED: std::thread B([ctx_user = user, task = std::ref(C)](auto &&...args) -> decltype(auto) {
  std::thread D(Counter{}, 6);
  // FIXED: std::thread D([ctx_user = user, task = Counter{}](auto &&...args) mutable -> decltype(auto) {
  std::thread E(std::bind(audit, 7));
  // FIXED: std::thread E([ctx_user = user, task = std::bind(audit, 7)](auto &&...args) -> decltype(auto) {
  auto Task = [] { audit(8); };
  std::thread F(Task);
  // FIXED: std::thread F([ctx_user = user, task = Task](auto &&...args) -> decltype(auto) {
  A.join();
  B.join();
  D.join();
  E.join();
  F.join();
}

void Account::spawn_member() {
  std::thread T(&Account::charge, this, 9);
  // FIXED: std::thread T([ctx_user = user, task = &Account::charge](auto &&...args) -> decltype(auto) {
  // FIXED-NEXT:   ctxloss::scoped_value restore_user(user, ctx_user);
  // FIXED-NEXT:   return std::invoke(task, std::forward<decltype(args)>(args)...);
  // FIXED-NEXT: }, this, 9);
  T.join();
}

// The wrapper returns what the task returns.
std::string result() {
  auto Future = std::async(std::launch::async, current_user);
  // FIXED: auto Future = std::async(std::launch::async, [ctx_user = user, task = current_user](auto &&...args) -> decltype(auto) {
  // FIXED-NEXT:   ctxloss::scoped_value restore_user(user, ctx_user);
  // FIXED-NEXT:   return std::invoke(task, std::forward<decltype(args)>(args)...);
  // FIXED-NEXT: });
  return Future.get();
}
