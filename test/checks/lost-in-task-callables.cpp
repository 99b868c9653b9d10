// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Every kind of callable a task can be given.

#include <functional>
#include <string>
#include <thread>

thread_local std::string user;

void login(const std::string &Name) { user = Name; }
void audit(int Amount) { (void)Amount, (void)user.size(); }

struct Charger {
  void operator()(int Amount) const { audit(Amount); }
};

struct Account {
  void charge(int Amount) { audit(Amount); }
  void spawn_member();
};

void named_function() {
  std::thread A(audit, 1);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'user' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :15:46: note: 'audit' reads thread-local 'user' here
  std::thread B(&audit, 2);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'user' is read in a task started by 'std::thread'
  // CHECK: :15:46: note: 'audit' reads thread-local 'user' here
  A.join();
  B.join();
}

void function_pointer() {
  void (*Fn)(int) = audit;
  std::thread T(Fn, 3);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'user' is read in a task started by 'std::thread'
  // CHECK: :15:46: note: 'audit' reads thread-local 'user' here
  T.join();
}

void bound() {
  std::thread T(std::bind(audit, 4));
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'user' is read in a task started by 'std::thread'
  // CHECK: :15:46: note: 'audit' reads thread-local 'user' here
  T.join();
}

void function_object() {
  std::thread A(Charger{}, 5);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'user' is read in a task started by 'std::thread'
  // CHECK: :18:39: note: 'Charger::operator()' calls 'audit' here
  // CHECK: :15:46: note: 'audit' reads thread-local 'user' here
  Charger C;
  std::thread B(C, 6);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'user' is read in a task started by 'std::thread'
  // CHECK: :18:39: note: 'Charger::operator()' calls 'audit' here
  // CHECK: :15:46: note: 'audit' reads thread-local 'user' here
  std::thread D(std::ref(C), 7);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'user' is read in a task started by 'std::thread'
  // CHECK: :18:39: note: 'Charger::operator()' calls 'audit' here
  // CHECK: :15:46: note: 'audit' reads thread-local 'user' here
  A.join();
  B.join();
  D.join();
}

void Account::spawn_member() {
  std::thread T(&Account::charge, this, 8);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'user' is read in a task started by 'std::thread'
  // CHECK: :22:29: note: 'Account::charge' calls 'audit' here
  // CHECK: :15:46: note: 'audit' reads thread-local 'user' here
  T.join();
}

void lambdas() {
  auto Task = [] { audit(9); };
  std::thread A(Task);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'user' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-3]]:20: note: the lambda calls 'audit' here
  // CHECK: :15:46: note: 'audit' reads thread-local 'user' here
  std::thread B([](auto Amount) { audit(Amount); }, 10);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'user' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:35: note: the lambda calls 'audit' here
  // CHECK: :15:46: note: 'audit' reads thread-local 'user' here
  A.join();
  B.join();
}

// Callables the engine cannot see through are assumed not to read context:
// a std::function and a function pointer parameter.
void opaque(void (*Fn)(int), std::function<void()> Work) {
  std::thread A(Fn, 11);
  std::thread B(Work);
  A.join();
  B.join();
}
