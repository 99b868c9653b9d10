// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// What the caller does with an accessor's result decides read or write, one
// form per task. The writes -- assigning it, std::exchange, a non-const
// member, binding it to a non-const reference and writing through that,
// passing it to a non-const reference parameter, writing through a pointer
// accessor -- come before the read in the task, so they restore the context
// and the task is silent. The reads -- a member, a const member call, a const
// reference argument, a copy, a member through a pointer accessor -- are
// reported.

#include <string>
#include <thread>
#include <utility>

namespace app {
struct Options {
  int timeout = 0;
  void set_timeout(int T) { timeout = T; }
  int get_timeout() const { return timeout; }
};
Options &Opts() {
  thread_local Options O;
  return O;
}
Options *OptsPtr() { return &Opts(); }
void SetOptions(const Options &O) { Opts() = O; }
int timeout() { return Opts().timeout; }
void overwrite(Options &O) { O = Options{}; }
void inspect(const Options &O) { (void)O; }

// Each form writes the context before the read: the task restores it.
void assign() {
  std::thread T([O = Opts()] { Opts() = O; timeout(); });
  T.join();
}
void exchange() {
  std::thread T([O = Opts()] { std::exchange(Opts(), O); timeout(); });
  T.join();
}
void non_const_member() {
  std::thread T([] { Opts().set_timeout(5); timeout(); });
  T.join();
}
void bound_to_reference() {
  std::thread T([] {
    Options &R = Opts();
    R.timeout = 5;
    timeout();
  });
  T.join();
}
void passed_by_reference() {
  std::thread T([] { overwrite(Opts()); timeout(); });
  T.join();
}
void through_pointer() {
  std::thread T([] { OptsPtr()->timeout = 5; timeout(); });
  T.join();
}
void deref_pointer() {
  std::thread T([O = Opts()] { *OptsPtr() = O; timeout(); });
  T.join();
}

// Each form reads it: reported.
void member() {
  std::thread T([] { (void)Opts().timeout; });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-local 'app::Opts::O' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:28: note: the lambda reads thread-local 'app::Opts::O' through 'app::Opts' here
void const_member() {
  std::thread T([] { (void)Opts().get_timeout(); });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-local 'app::Opts::O' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:28: note: the lambda reads thread-local 'app::Opts::O' through 'app::Opts' here
void const_reference_argument() {
  std::thread T([] { inspect(Opts()); });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-local 'app::Opts::O' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:30: note: the lambda reads thread-local 'app::Opts::O' through 'app::Opts' here
void copy() {
  std::thread T([] { Options Copy = Opts(); (void)Copy; });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-local 'app::Opts::O' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:37: note: the lambda reads thread-local 'app::Opts::O' through 'app::Opts' here
void pointer_member() {
  std::thread T([] { (void)OptsPtr()->timeout; });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-local 'app::Opts::O' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:28: note: the lambda reads thread-local 'app::Opts::O' through 'app::OptsPtr' here
} // namespace app
