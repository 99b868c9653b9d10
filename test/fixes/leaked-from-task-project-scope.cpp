// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-leaked-from-task' --fix \
// RUN:   -- -std=c++14 -I%ctxloss_include > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++14 -fsyntax-only -Werror -Wall -Wshadow-all \
// RUN:   -I%ctxloss_include %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-leaked-from-task' \
// RUN:   -- -std=c++14 -I%ctxloss_include \
// RUN:   | FileCheck %s --check-prefix=RECHECK --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// The diagnostics before the fix.
// RUN: %ctxloss_tidy %s --checks='-*,context-leaked-from-task' -- -std=c++14 -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// The fix of context-leaked-from-task with the project's own scope class:
// when the translation unit declares, before the task, a class whose
// constructor takes the variable's value and writes it and whose destructor
// writes it back, the unrestored write becomes an object of that class
// rather than a 'ctxloss::scoped_value' (no include, and no C++17 needed).
// A variable without such a class keeps 'ctxloss::scoped_value', which
// needs C++17: here, no fix, and the re-check finds only that one.

// FIXED: #include <functional>
#include <functional>
#include <string>

class WorkerPool {
public:
  void submit(std::function<void()> Task);
};

thread_local std::string tenant;
thread_local int request_id = 0;
void log_line() { (void)tenant.size(); (void)request_id; }
std::string &current_tenant() { return tenant; }

namespace app {
class TenantScope {
public:
  explicit TenantScope(const std::string &T) : Prev(tenant) { tenant = T; }
  ~TenantScope() { tenant = Prev; }
  TenantScope(const TenantScope &) = delete;
  TenantScope &operator=(const TenantScope &) = delete;

private:
  std::string Prev;
};
} // namespace app

// A class whose destructor does not put the value back is not a scope
// class.
class RequestTag {
public:
  explicit RequestTag(int Id) { request_id = Id; }
  ~RequestTag() { log_line(); }
};

void thread_locals(WorkerPool &Pool, std::string T, int Id) {
  Pool.submit([T] {
    tenant = T;
    log_line();
  });
  // CHECK: :[[@LINE-4]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-4]]:5: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:3: note: the lambda ends here without restoring it
  // FIXED: app::TenantScope restore_tenant(T);
  Pool.submit([T] { current_tenant() = T + "/sub"; log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:21: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:64: note: the lambda ends here without restoring it
  // FIXED: Pool.submit([T] { app::TenantScope restore_tenant(T + "/sub"); log_line(); });
  Pool.submit([Id] { request_id = Id; log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:22: note: the lambda sets thread-local 'request_id' here
  // CHECK: :[[@LINE-3]]:51: note: the lambda ends here without restoring it
  // CHECK: :[[@LINE-4]]:22: note: no fix: 'ctxloss::scoped_value' needs C++17
  // RECHECK: :[[@LINE-5]]:3: warning: thread-local 'request_id' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // RECHECK: :[[@LINE-6]]:22: note: the lambda sets thread-local 'request_id' here
  // RECHECK: :[[@LINE-7]]:51: note: the lambda ends here without restoring it
  // RECHECK: :[[@LINE-8]]:22: note: no fix: 'ctxloss::scoped_value' needs C++17
  // FIXED: Pool.submit([Id] { request_id = Id; log_line(); });
}

void job_with_tenant() {
  tenant = "batch";
  // FIXED: app::TenantScope restore_tenant("batch");
  log_line();
}
void task_function(WorkerPool &Pool) { Pool.submit(job_with_tenant); }
// CHECK: :[[@LINE-1]]:40: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
// CHECK: :[[@LINE-6]]:3: note: 'job_with_tenant' sets thread-local 'tenant' here
// CHECK: :[[@LINE-4]]:1: note: 'job_with_tenant' ends here without restoring it
