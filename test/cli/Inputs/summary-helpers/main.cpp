#include "context.h"
#include "helpers.h"
#include <cstdio>
#include <ctxloss/context.h>

static void audit(const char *What) { std::printf("[%s] %s\n", tenant.c_str(), What); }

// Hands its task on to post_to_pool, defined in helpers.cpp.
static void go_pool(std::function<void()> F) { post_to_pool(std::move(F)); }

void leaks(const std::string &T) {
  post_to_pool([T] { tenant = T; audit("job"); });
  go_pool([T] { tenant = T; audit("job"); });
  run_detached([T] { tenant = T; audit("job"); });
  post_to_pool([T] {
    ctxloss::scoped_value Guard(tenant, T);
    audit("job");
  });
}

void waits(const std::string &T) {
  run_and_wait([T] { tenant = T; });
  audit("done");
}

void no_wait(const std::string &T) {
  run_later([T] { tenant = T; });
  audit("done");
}

void waits_then_logs(const std::string &T) {
  run_and_wait([T] { tenant = T; });
  log_tenant();
}
