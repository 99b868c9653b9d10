// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   --config-file=%S/Inputs/querydb-profile.yaml \
// RUN:   -- -std=c++17 -isystem %inputs/declared > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall -Wshadow-all \
// RUN:   -isystem %inputs/declared %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' \
// RUN:   --config-file=%S/Inputs/querydb-profile.yaml \
// RUN:   -- -std=c++17 -isystem %inputs/declared | count 0
//
// The explicit-parameter strategy has nothing to pass down for a library's
// context: it declines, and says why; copy-and-run is the alternative.
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++17 -isystem %inputs/declared | FileCheck %s --check-prefix=EXPLICIT
// EXPLICIT: :52:15: note: alternative fix: snapshot the value here and restore it in the task
// EXPLICIT: :47:62: note: no explicit-parameter fix-it: OpenTelemetry context is read through its library's API, not a variable to pass down

// copy-and-run with each profile's own snapshot and restore: OpenTelemetry
// (RuntimeContext::Attach), folly (RequestContextScopeGuard), and a user
// profile defined in the configuration (querydb-profile.yaml: a database's
// current query group, restored with its ThreadGroupSwitcher guard).

// FIXED-NOT: {{^}}#include ""
// FIXED: #include <functional>
#include <memory>
#include <string>
#include <thread>
#include "folly/io/async/Request.h"
#include "opentelemetry/context/runtime_context.h"

namespace DB {
struct ThreadGroup;
using ThreadGroupPtr = std::shared_ptr<ThreadGroup>;
struct CurrentThread {
  static std::string getQueryId();
  static ThreadGroupPtr getGroup();
};
class ThreadGroupSwitcher {
public:
  explicit ThreadGroupSwitcher(ThreadGroupPtr Group);
  ~ThreadGroupSwitcher();
};
} // namespace DB

void trace_event() { opentelemetry::context::RuntimeContext::GetValue("span"); }
void request_data() { folly::RequestContext::get(); }
void log_query() { (void)DB::CurrentThread::getQueryId().size(); }

void spawn() {
  std::thread A([] { trace_event(); });
  // FIXED: std::thread A([ctx_opentelemetry = opentelemetry::context::RuntimeContext::GetCurrent()] { auto restore_opentelemetry = opentelemetry::context::RuntimeContext::Attach(ctx_opentelemetry); trace_event(); });
  std::thread B([] {
    request_data();
    log_query();
  });
  // FIXED:      std::thread B([ctx_folly = folly::RequestContext::saveContext(), ctx_querydb = DB::CurrentThread::getGroup()] {
  // FIXED-NEXT:   folly::RequestContextScopeGuard restore_folly(ctx_folly);
  // FIXED-NEXT:   DB::ThreadGroupSwitcher restore_querydb(ctx_querydb);
  // FIXED-NEXT:   request_data();
  // FIXED-NEXT:   log_query();
  // FIXED-NEXT: });
  std::thread C(log_query);
  // FIXED:      std::thread C([ctx_querydb = DB::CurrentThread::getGroup(), task = log_query](auto &&...args) -> decltype(auto) {
  // FIXED-NEXT:   DB::ThreadGroupSwitcher restore_querydb(ctx_querydb);
  // FIXED-NEXT:   return std::invoke(task, std::forward<decltype(args)>(args)...);
  // FIXED-NEXT: });
  A.join();
  B.join();
  C.join();
}
