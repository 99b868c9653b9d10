// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-leaked-from-task' --fix \
// RUN:   -- -std=c++17 -fopenmp -isystem %inputs/declared -I%ctxloss_include > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++17 -fopenmp -fsyntax-only -Werror -Wall -Wshadow-all \
// RUN:   -isystem %inputs/declared -I%ctxloss_include %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-leaked-from-task' \
// RUN:   -- -std=c++17 -fopenmp -isystem %inputs/declared -I%ctxloss_include | count 0

// The fix of context-leaked-from-task: the statement that sets the context
// and leaves it set becomes a scope object for the rest of the task's body,
// which puts the worker's own value back on every way out. The include of
// <ctxloss/context.h> is added for 'ctxloss::scoped_value'.

// FIXED: #include <ctxloss/context.h>
// FIXED-NEXT: #include <folly/io/async/Request.h>
#include <folly/io/async/Request.h>
#include <functional>
#include <log4cxx/mdc.h>
#include <memory>
#include <string>

class WorkerPool {
public:
  void submit(std::function<void()> Task);
};

thread_local std::string tenant;
thread_local int request_id = 0;
void log_line() { (void)tenant.size(); (void)request_id; }
std::string &current_tenant() { return tenant; }

void thread_locals(WorkerPool &Pool, std::string T, int Id) {
  Pool.submit([T] {
    tenant = T;
    log_line();
  });
  // FIXED: ctxloss::scoped_value restore_tenant(tenant, T);
  Pool.submit([Id] { request_id = Id + 1; log_line(); });
  // FIXED: Pool.submit([Id] { ctxloss::scoped_value restore_request_id(request_id, Id + 1); log_line(); });
  Pool.submit([T] { current_tenant() = T; log_line(); });
  // FIXED: Pool.submit([T] { ctxloss::scoped_value restore_tenant(current_tenant(), T); log_line(); });
}

void job_with_tenant() {
  tenant = "batch";
  // FIXED: ctxloss::scoped_value restore_tenant(tenant, "batch");
  log_line();
}
void task_function(WorkerPool &Pool) { Pool.submit(job_with_tenant); }

void openmp_region(int Id) {
#pragma omp parallel
  {
    request_id = Id;
    // FIXED: ctxloss::scoped_value restore_request_id(request_id, Id);
    log_line();
  }
}

void log4cxx_mdc(WorkerPool &Pool, std::string User) {
  Pool.submit([User] {
    log4cxx::MDC::put("user", User);
    // FIXED: log4cxx::MDC restore_mdc("user", User);
    (void)log4cxx::MDC::get("user");
  });
}

void folly_context(WorkerPool &Pool,
                   std::shared_ptr<folly::RequestContext> Ctx) {
  Pool.submit([Ctx] {
    folly::RequestContext::setContext(Ctx);
    // FIXED: folly::RequestContextScopeGuard restore_request_context(Ctx);
    (void)folly::RequestContext::get();
  });
}
