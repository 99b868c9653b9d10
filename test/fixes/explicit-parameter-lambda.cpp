// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   --config="{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++17 > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall -Wshadow-all %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 | count 0

// explicit-parameter, reads in the task itself: the lambda captures the
// value under a name of its own and its reads read the capture. No runtime
// header is needed.

#include <string>
#include <thread>

// FIXED-NOT: {{^#include <ctxloss/context.h>}}

namespace app {
thread_local std::string request_id;
thread_local int tenant = 0;
void enter(const std::string &Id, int T) { request_id = Id, tenant = T; }
} // namespace app

void reads_in_lambda(int Order) {
  std::thread A([] { (void)app::request_id.size(); });
  // FIXED: std::thread A([ctx_request_id = app::request_id] { (void)ctx_request_id.size(); });
  std::thread B([=] { (void)app::request_id.size(), (void)Order; });
  // FIXED: std::thread B([=, ctx_request_id = app::request_id] { (void)ctx_request_id.size(), (void)Order; });
  std::thread C([&Order]() mutable { Order += app::tenant; });
  // FIXED: std::thread C([&Order, ctx_tenant = app::tenant]() mutable { Order += ctx_tenant; });
  std::thread D([](auto Extra) { (void)(app::tenant + Extra); }, 1);
  // FIXED: std::thread D([ctx_tenant = app::tenant](auto Extra) { (void)(ctx_tenant + Extra); }, 1);
  A.join();
  B.join();
  C.join();
  D.join();
}

namespace app {
void inside_namespace() {
  // Unqualified reads and several variables at once.
  std::thread T([] {
    if (!request_id.empty())
      (void)(tenant + static_cast<int>(request_id.size()));
  });
  // FIXED: std::thread T([ctx_request_id = app::request_id, ctx_tenant = app::tenant] {
  // FIXED-NEXT: if (!ctx_request_id.empty())
  // FIXED-NEXT: (void)(ctx_tenant + static_cast<int>(ctx_request_id.size()));
  // FIXED-NEXT: });
  T.join();
}
} // namespace app
