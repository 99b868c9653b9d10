#include "context.h"
#include "helpers.h"
#include <cstdio>

static void print_id() { std::printf("%s\n", current_request_id.c_str()); }

// Hands its task on to run_later, defined in helpers.cpp.
static void go_later(std::function<void()> F) { run_later(F); }

void handle(const std::string &Id) {
  begin_request(Id);
  run_later([] { print_id(); });
  go_later([] { print_id(); });
  run_with_request([] { print_id(); });
  run_bounded([] { print_id(); });
  run_later([rid = current_request_id] {
    begin_request(rid);
    print_id();
  });
}
