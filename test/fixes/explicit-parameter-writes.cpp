// RUN: rm -rf %t && mkdir -p %t && sed -e 's,// [A-Z-]*:.*,,' %s > %t/input.cpp
// RUN: %ctxloss_tidy %t/input.cpp --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++17 | FileCheck %s --check-prefix=NOTE
// RUN: cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   --config="{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++17 > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall -Wshadow-all %t/fixed.cpp

// A task that also changes the variable keeps reading the thread-local: the
// value it sets must stay visible to what it calls. Every way of changing
// it declines the explicit-parameter fix; every way of only reading it
// leaves the fix on.

#include <string>
#include <thread>
#include <utility>

thread_local std::string name;
thread_local int depth = 0;

void enter(const std::string &N) { name = N, depth = 1; }
void take_ref(std::string &S) { S += "!"; }
void take_const(const std::string &S) { (void)S; }
void take_value(std::string S) { (void)S; }

void writes() {
  std::thread A([] { (void)name.size(); name = "a"; });
  // NOTE: :[[@LINE-1]]:17: note: no explicit-parameter fix-it: the task also writes 'name'
  std::thread B([] { (void)depth; ++depth; });
  // NOTE: :[[@LINE-1]]:17: note: no explicit-parameter fix-it: the task also writes 'depth'
  std::thread C([] { (void)depth; depth += 2; });
  // NOTE: :[[@LINE-1]]:17: note: no explicit-parameter fix-it: the task also writes 'depth'
  std::thread D([] { (void)name.size(); take_ref(name); });
  // NOTE: :[[@LINE-1]]:17: note: no explicit-parameter fix-it: the task also writes 'name'
  std::thread E([] { (void)name.size(); name.append("e"); });
  // NOTE: :[[@LINE-1]]:17: note: no explicit-parameter fix-it: the task also writes 'name'
  std::thread F([] { (void)name.size(); name[0] = 'f'; });
  // NOTE: :[[@LINE-1]]:17: note: no explicit-parameter fix-it: the task also writes 'name'
  std::thread G([] {
    (void)name.size();
    std::string &Alias = name;
    Alias += "g";
  });
  // NOTE: :[[@LINE-5]]:17: note: no explicit-parameter fix-it: the task also writes 'name'
  std::thread H([] { (void)name.size(); std::string Moved = std::move(name); });
  // NOTE: :[[@LINE-1]]:17: note: no explicit-parameter fix-it: the task also writes 'name'
  std::thread I([] { (void)name.size(); std::string *P = &name; (void)P; });
  // NOTE: :[[@LINE-1]]:17: note: no explicit-parameter fix-it: the task also writes 'name'
  A.join(), B.join(), C.join(), D.join(), E.join(), F.join(), G.join(),
      H.join(), I.join();
}

void reads() {
  std::thread T([] {
    take_const(name);
    take_value(name);
    std::string Copy = name;
    const std::string &View = name;
    bool Same = name == View && name.size() == Copy.size() && name[0] == 'x';
    (void)(Same ? depth + 1 : depth * 2), (void)sizeof(name);
  });
  // FIXED: std::thread T([ctx_depth = depth, ctx_name = name] {
  // FIXED-NEXT: take_const(ctx_name);
  // FIXED-NEXT: take_value(ctx_name);
  // FIXED-NEXT: std::string Copy = ctx_name;
  // FIXED-NEXT: const std::string &View = ctx_name;
  // FIXED-NEXT: bool Same = ctx_name == View && ctx_name.size() == Copy.size() && ctx_name[0] == 'x';
  // FIXED-NEXT: (void)(Same ? ctx_depth + 1 : ctx_depth * 2), (void)sizeof(ctx_name);
  T.join();
}
