// Uses every part of ctxloss/context.h without exceptions, for the compilers
// and modes of gcc.test (checked by its RUN lines).
#include <ctxloss/context.h>

#include <cstdio>
#include <string>
#include <thread>

thread_local std::string request_id = "none";
thread_local int tenant = 0;

static int show(const char *Who) {
  std::printf("%s: %s/%d\n", Who, request_id.c_str(), tenant);
  return tenant;
}

int main() {
  request_id = "r1";
  tenant = 1;
  std::thread T(ctxloss::bind_context(show, CTXLOSS_ACCESSOR(request_id),
                                      CTXLOSS_ACCESSOR(tenant)),
                "thread");
  T.join();
  // CHECK: thread: r1/1
  {
    ctxloss::scoped_value Restore(tenant, 2);
    show("scope");
    // CHECK-NEXT: scope: r1/2
  }
  show("main");
  // CHECK-NEXT: main: r1/1
  return 0;
}
