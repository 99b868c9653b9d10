// RUN: %clangxx -std=c++17 -pthread -Wall -Wextra -Werror -I%ctxloss_include %s -o %t
// RUN: %t | FileCheck %s --implicit-check-not='{{.}}'

// A new thread starts with default thread-locals; a task wrapped by
// ctxloss::bind_context, or by the lambdas the fix-its write, sees the
// spawning thread's values. Every callable kind std::invoke accepts works,
// arguments are forwarded and results returned.

#include <ctxloss/context.h>

#include <cstdio>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <utility>

thread_local std::string request_id = "none";

static void log_event(const char *What) {
  std::printf("%s: %s\n", What, request_id.c_str());
}

struct Charger {
  void operator()(int Amount) {
    Total += Amount;
    std::printf("charger %d: %s\n", Total, request_id.c_str());
  }
  int Total = 0;
};

struct Account {
  void charge(int Amount) const {
    std::printf("account %d: %s\n", Amount, request_id.c_str());
  }
};

static std::string current() { return request_id; }

static void run(std::thread T) { T.join(); }

int main() {
  request_id = "r1";
  run(std::thread(log_event, "plain thread"));
  // CHECK: plain thread: none

  run(std::thread(ctxloss::bind_context(log_event, CTXLOSS_ACCESSOR(request_id)),
                  "function"));
  // CHECK-NEXT: function: r1
  run(std::thread(ctxloss::bind_context(Charger{}, CTXLOSS_ACCESSOR(request_id)),
                  5));
  // CHECK-NEXT: charger 5: r1
  Account A;
  run(std::thread(ctxloss::bind_context(&Account::charge,
                                        CTXLOSS_ACCESSOR(request_id)),
                  &A, 6));
  // CHECK-NEXT: account 6: r1
  // A move-only argument is forwarded, not copied.
  run(std::thread(ctxloss::bind_context(
                      [](std::unique_ptr<int> P) {
                        std::printf("unique %d: %s\n", *P, request_id.c_str());
                      },
                      CTXLOSS_ACCESSOR(request_id)),
                  std::make_unique<int>(7)));
  // CHECK-NEXT: unique 7: r1

  // Results come back through std::async.
  auto Bound = std::async(std::launch::async,
                          ctxloss::bind_context(current,
                                                CTXLOSS_ACCESSOR(request_id)));
  std::printf("async: %s\n", Bound.get().c_str());
  // CHECK-NEXT: async: r1

  // The snapshot is taken when the task is wrapped, not when it runs.
  auto Task = ctxloss::bind_context(log_event, CTXLOSS_ACCESSOR(request_id));
  request_id = "r2";
  run(std::thread(std::move(Task), "snapshot"));
  // CHECK-NEXT: snapshot: r1

  // The generic lambda the copy-and-run fix-it wraps a non-lambda callable
  // in: it restores, then forwards the arguments.
  run(std::thread(
      [ctx_request_id = request_id, task = Charger{}](auto &&...args) mutable
      -> decltype(auto) {
        ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
        return std::invoke(task, std::forward<decltype(args)>(args)...);
      },
      8));
  // CHECK-NEXT: charger 8: r2
  run(std::thread(
      [ctx_request_id = request_id, task = &Account::charge](auto &&...args)
          mutable -> decltype(auto) {
        ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
        return std::invoke(task, std::forward<decltype(args)>(args)...);
      },
      &A, 9));
  // CHECK-NEXT: account 9: r2

  // The spawning thread's value is untouched.
  log_event("main");
  // CHECK-NEXT: main: r2
  return 0;
}
