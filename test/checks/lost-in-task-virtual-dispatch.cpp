// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// The copy-and-run fix at a virtual call compiles and the fixed file is
// silent.
// RUN: cp %s %t.cpp
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' --fix -- -std=c++17 -I%ctxloss_include > /dev/null 2>&1
// RUN: %clangxx -std=c++17 -fsyntax-only -I%ctxloss_include %t.cpp
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --allow-empty --check-prefix=FIXED --implicit-check-not='{{^[^ ].*(warning|error):}}'
// FIXED-NOT: warning

// Virtual dispatch (Overriders.h): a call through an abstract class runs
// the bodies that override it in the translation unit. With one body, the
// call is followed like a direct call; with several, it is a boundary when
// one of them spawns the argument, and is otherwise not followed.

#include <ctxloss/context.h>
#include <functional>
#include <string>
#include <thread>

thread_local std::string user;
void login(const std::string &U) { user = U; }
void audit() { (void)user.size(); }

// An abstract courier; one override starts a thread, one runs inline.
struct Courier {
  virtual ~Courier() = default;
  virtual void send(std::function<void()> F) = 0;
};
struct ThreadCourier : Courier {
  void send(std::function<void()> F) override {
    std::thread(std::move(F)).detach();
  }
};
struct InlineCourier : Courier {
  void send(std::function<void()> F) override { F(); }
};

void through_base(Courier *C) {
  C->send([] { audit(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'ThreadCourier::send' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:6: note: the virtual call of 'Courier::send' may run 'ThreadCourier::send', which overrides it
  // CHECK: :36:5: note: 'ThreadCourier::send' starts the task with 'std::thread' here
  // CHECK: :[[@LINE-4]]:16: note: the lambda calls 'audit' here
  // CHECK: :27:22: note: 'audit' reads thread-local 'user' here
}

// A read behind a virtual call whose only body in the translation unit is
// one override: followed as a direct call is.
struct Source {
  virtual ~Source() = default;
  virtual std::string who() const = 0;
};
struct TlsSource : Source {
  std::string who() const override { return user; }
};
void report(const Source &S) {
  std::thread([&S] { (void)S.who(); }).detach();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:30: note: the lambda calls 'TlsSource::who' here, the only override of 'Source::who' in this translation unit
  // CHECK: :59:45: note: 'TlsSource::who' reads thread-local 'user' here
}

// --- Silent ---

// Every override runs the callable inline.
struct Relay {
  virtual ~Relay() = default;
  virtual void pass(std::function<void()> F) = 0;
};
struct DirectRelay : Relay {
  void pass(std::function<void()> F) override { F(); }
};
struct LoggedRelay : Relay {
  void pass(std::function<void()> F) override {
    audit();
    F();
  }
};
void relay(Relay &R) { R.pass([] { audit(); }); }

// The only override that spawns carries the context over.
struct Carrier {
  virtual ~Carrier() = default;
  virtual void send(std::function<void()> F) = 0;
};
struct CarryingCourier : Carrier {
  void send(std::function<void()> F) override {
    std::thread([F, Rid = user] {
      ctxloss::scoped_value<std::string> Restore(user, Rid);
      F();
    }).detach();
  }
};
struct InlineCarrier : Carrier {
  void send(std::function<void()> F) override { F(); }
};
void carried(Carrier &C) { C.send([] { audit(); }); }

// Several bodies may run the read: which one is not guessed.
struct Name {
  virtual ~Name() = default;
  virtual std::string get() const { return "fixed"; }
};
struct TlsName : Name {
  std::string get() const override { return user; }
};
void names(const Name &N) {
  std::thread([&N] { (void)N.get(); }).detach();
}
