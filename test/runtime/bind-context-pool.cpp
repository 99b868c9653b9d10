// RUN: %clangxx -std=c++17 -pthread -Wall -Wextra -Werror -I%ctxloss_include -I%S/Inputs %s -o %t
// RUN: %t | FileCheck %s --implicit-check-not='{{.}}'

// A pooled worker runs each task with the submitting thread's values, and has
// its own values back after every task: after a normal return and after an
// exception. Both ctxloss::bind_context and the lambda that the copy-and-run
// fix-it writes are exercised.

#include "tiny_pool.h"
#include <ctxloss/context.h>

#include <cstdio>
#include <stdexcept>
#include <string>

thread_local std::string request_id = "none";
thread_local int tenant = 0;

static void show(const char *Who) {
  std::printf("%s: %s/%d\n", Who, request_id.c_str(), tenant);
}

static void fail() {
  show("failing");
  throw std::runtime_error("charge failed");
}

static void submit_all() {
  tiny_pool Pool([] {
    request_id = "worker";
    tenant = -1;
  });
  Pool.submit([] { show("worker before"); });
  // CHECK: worker before: worker/-1

  request_id = "r1";
  tenant = 1;
  Pool.submit(ctxloss::bind_context([] { show("bound"); },
                                    CTXLOSS_ACCESSOR(request_id),
                                    CTXLOSS_ACCESSOR(tenant)));
  // CHECK-NEXT: bound: r1/1
  Pool.submit([] { show("no leak"); });
  // CHECK-NEXT: no leak: worker/-1

  // An exception leaves through the restores too.
  request_id = "r2";
  Pool.submit(ctxloss::bind_context(fail, CTXLOSS_ACCESSOR(request_id)));
  // CHECK-NEXT: failing: r2/-1
  // CHECK-NEXT: task threw: charge failed
  Pool.submit([] { show("after throw"); });
  // CHECK-NEXT: after throw: worker/-1

  // The copy-and-run fix-it's shape: an init-capture snapshots, a
  // scoped_value restores.
  request_id = "r3";
  tenant = 3;
  Pool.submit([ctx_request_id = request_id, ctx_tenant = tenant] {
    ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
    ctxloss::scoped_value restore_tenant(tenant, ctx_tenant);
    show("fix-it lambda");
  });
  // CHECK-NEXT: fix-it lambda: r3/3
  Pool.submit([ctx_request_id = request_id] {
    ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
    fail();
  });
  // CHECK-NEXT: failing: r3/-1
  // CHECK-NEXT: task threw: charge failed
  Pool.submit([] { show("worker after"); });
  // CHECK-NEXT: worker after: worker/-1
} // Joins the worker.

int main() {
  submit_all();
  // The spawning thread's own values were never touched.
  show("main");
  // CHECK-NEXT: main: r3/3
  return 0;
}
