// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' \
// RUN:   --export-fixes=%t/fixes.yaml -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --check-prefix=WARN
// RUN: FileCheck %s --check-prefix=YAML < %t/fixes.yaml
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   -- -std=c++17 -I%ctxloss_include > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall -Wshadow-all \
// RUN:   -I%ctxloss_include %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 -I%ctxloss_include | count 0

// Several sources lost at one spawn: one combined fix, on the spawn's first
// warning; the other warnings of the spawn carry none. Variables in
// namespaces and classes are spelled with their qualifiers.

#include <string>
#include <thread>

// FIXED: #include <ctxloss/context.h>
// FIXED-EMPTY:
// FIXED-NEXT: #include <functional>

namespace app {
thread_local std::string request_id;
thread_local int tenant = 0;
struct Trace {
  static thread_local long span;
};
thread_local long Trace::span = 0;

void enter(const std::string &Id, int Tenant, long Span) {
  request_id = Id;
  tenant = Tenant;
  Trace::span = Span;
}
void log_event() {
  (void)request_id.size(), (void)tenant, (void)Trace::span;
}
} // namespace app

void handle(int Order) { app::log_event(), (void)Order; }

void lambda_task() {
  std::thread T([] { handle(1); });
  // WARN: :[[@LINE-1]]:15: warning: thread-local 'app::Trace::span' is read
  // WARN: :[[@LINE-2]]:15: warning: thread-local 'app::request_id' is read
  // WARN: :[[@LINE-3]]:15: warning: thread-local 'app::tenant' is read
  // FIXED: std::thread T([ctx_request_id = app::request_id, ctx_span = app::Trace::span, ctx_tenant = app::tenant] { ctxloss::scoped_value restore_request_id(app::request_id, ctx_request_id); ctxloss::scoped_value restore_span(app::Trace::span, ctx_span); ctxloss::scoped_value restore_tenant(app::tenant, ctx_tenant); handle(1); });
  T.join();
}

void function_task() {
  std::thread T(handle, 2);
  // WARN: :[[@LINE-1]]:15: warning: thread-local 'app::Trace::span' is read
  // WARN: :[[@LINE-2]]:15: warning: thread-local 'app::request_id' is read
  // WARN: :[[@LINE-3]]:15: warning: thread-local 'app::tenant' is read
  // FIXED: std::thread T([ctx_request_id = app::request_id, ctx_span = app::Trace::span, ctx_tenant = app::tenant, task = handle](auto &&...args) -> decltype(auto) {
  // FIXED-NEXT:   ctxloss::scoped_value restore_request_id(app::request_id, ctx_request_id);
  // FIXED-NEXT:   ctxloss::scoped_value restore_span(app::Trace::span, ctx_span);
  // FIXED-NEXT:   ctxloss::scoped_value restore_tenant(app::tenant, ctx_tenant);
  // FIXED-NEXT:   return std::invoke(task, std::forward<decltype(args)>(args)...);
  // FIXED-NEXT: }, 2);
  T.join();
}

// Six diagnostics, listed by message; the fix is on the first one the check
// emits for each spawn (variables in name order: request_id), the others
// carry none. Each header is inserted once, by the first fix needing it.
// YAML:      Message: 'thread-local ''app::Trace::span''
// YAML-NEXT: FilePath:
// YAML-NEXT: FileOffset:
// YAML-NEXT: Replacements: []
// YAML:      Message: 'thread-local ''app::request_id''
// YAML-NEXT: FilePath:
// YAML-NEXT: FileOffset:
// YAML-NEXT: Replacements:
// YAML-NEXT:   - FilePath:
// YAML-NEXT:     Offset:
// YAML-NEXT:     Length: 0
// YAML-NEXT:     ReplacementText: "#include <ctxloss/context.h>\n\n"
// YAML-NEXT:   - FilePath:
// YAML-NEXT:     Offset:
// YAML-NEXT:     Length: 0
// YAML-NEXT:     ReplacementText: 'ctx_request_id = app::request_id, ctx_span = app::Trace::span, ctx_tenant = app::tenant'
// YAML:      Message: 'thread-local ''app::tenant''
// YAML-NEXT: FilePath:
// YAML-NEXT: FileOffset:
// YAML-NEXT: Replacements: []
// YAML:      Message: 'thread-local ''app::Trace::span''
// YAML-NEXT: FilePath:
// YAML-NEXT: FileOffset:
// YAML-NEXT: Replacements: []
// YAML:      Message: 'thread-local ''app::request_id''
// YAML-NEXT: FilePath:
// YAML-NEXT: FileOffset:
// YAML-NEXT: Replacements:
// YAML-NEXT:   - FilePath:
// YAML-NEXT:     Offset:
// YAML-NEXT:     Length: 0
// YAML-NEXT:     ReplacementText: "#include <functional>\n"
// YAML-NEXT:   - FilePath:
// YAML-NEXT:     Offset:
// YAML-NEXT:     Length: 6
// YAML-NEXT:     ReplacementText: "[ctx_request_id = app::request_id, ctx_span = app::Trace::span, ctx_tenant = app::tenant, task = handle]
// YAML:      Message: 'thread-local ''app::tenant''
// YAML-NEXT: FilePath:
// YAML-NEXT: FileOffset:
// YAML-NEXT: Replacements: []
