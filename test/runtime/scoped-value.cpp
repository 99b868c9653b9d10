// RUN: %clangxx -std=c++17 -pthread -Wall -Wextra -Werror -I%ctxloss_include %s -o %t
// RUN: %t | FileCheck %s --implicit-check-not='{{.}}'

// ctxloss::scoped_value sets a variable for a scope and restores it on every
// exit: the end of the scope, a return, an exception.

#include <ctxloss/context.h>

#include <cstdio>
#include <stdexcept>
#include <string>

thread_local std::string request_id = "none";
thread_local int depth = 0;

static void print(const char *Where) {
  std::printf("%s: %s %d\n", Where, request_id.c_str(), depth);
}

static int early_return(bool Early) {
  ctxloss::scoped_value Restore(depth, 7);
  if (Early)
    return depth;
  return depth + 1;
}

int main() {
  print("start");
  // CHECK: start: none 0
  {
    ctxloss::scoped_value Restore(request_id, "r1");
    ctxloss::scoped_value RestoreDepth(depth, 1);
    print("scope");
    // CHECK-NEXT: scope: r1 1
    {
      ctxloss::scoped_value Nested(request_id, std::string("r2"));
      print("nested");
      // CHECK-NEXT: nested: r2 1
    }
    print("after nested");
    // CHECK-NEXT: after nested: r1 1
  }
  print("after scope");
  // CHECK-NEXT: after scope: none 0

  std::printf("returned %d\n", early_return(true));
  // CHECK-NEXT: returned 7
  print("after return");
  // CHECK-NEXT: after return: none 0

  try {
    ctxloss::scoped_value Restore(request_id, "r3");
    print("before throw");
    // CHECK-NEXT: before throw: r3 0
    throw std::runtime_error("boom");
  } catch (const std::exception &E) {
    print(E.what());
    // CHECK-NEXT: boom: none 0
  }

  // A const snapshot, as a non-mutable lambda's init-capture is.
  const std::string Snapshot = "r4";
  {
    ctxloss::scoped_value Restore(request_id, Snapshot);
    print("const snapshot");
    // CHECK-NEXT: const snapshot: r4 0
  }
  print("end");
  // CHECK-NEXT: end: none 0
  return 0;
}
