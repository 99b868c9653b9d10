// RUN: %clang_tidy_plugin %s --checks='-*,context-leaked-from-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-leaked-from-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// The broad variant: every call whose callee is not declared 'noexcept' may
// throw, bodies or not.
// RUN: %ctxloss_tidy %s --checks='-*,context-leaked-from-task' \
// RUN:   --config="{CheckOptions: {context-leaked-from-task.AnyCallMayThrow: true}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --check-prefixes=CHECK,ANY --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// A call that may throw between the write and the restore is a way out of
// the task: the exception skips the restore, and the worker's next task
// inherits the context. By default a call may throw when the analysis sees
// its callee let an exception out (a 'throw' no handler of the callee
// catches, or a call of its own that may); a scope object, or a handler
// that restores before the exception goes on, covers it.

#include <ctxloss/context.h>
#include <functional>
#include <stdexcept>
#include <string>

class WorkerPool {
public:
  void submit(std::function<void()> Task);
};

thread_local std::string tenant;
void log_line(const char *) { (void)tenant.size(); }

void parse(const std::string &Body) {
  if (Body.empty())
    throw std::invalid_argument("empty body");
}
void handle(const std::string &Body) { parse(Body); }
void handle_quietly(const std::string &Body) {
  try {
    parse(Body);
  } catch (...) {
  }
}
void validate(const std::string &Body) noexcept {
  if (Body.empty())
    throw std::invalid_argument("empty body"); // Ends the program.
}
void store(const std::string &) {} // Never throws, but not noexcept.
void external(const std::string &); // Defined elsewhere.

// The callee throws itself.
void throws_directly(WorkerPool &Pool, std::string T, std::string Body) {
  Pool.submit([T, Body] {
    std::string Saved = tenant;
    tenant = T;
    parse(Body);
    tenant = Saved;
  });
  // CHECK: :[[@LINE-6]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-5]]:5: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-5]]:5: note: the lambda leaves here without restoring it when this call throws
  // CHECK: :[[@LINE-7]]:5: note: no fix: the task writes the context more than once
}

// The callee throws through a call of its own.
void throws_through_calls(WorkerPool &Pool, std::string T, std::string Body) {
  Pool.submit([T, Body] {
    std::string Saved = tenant;
    tenant = T;
    handle(Body);
    tenant = Saved;
  });
  // CHECK: :[[@LINE-6]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-5]]:5: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-5]]:5: note: the lambda leaves here without restoring it when this call throws
  // CHECK: :[[@LINE-7]]:5: note: no fix: the task writes the context more than once
}

// A handler that catches another type: the exception goes on.
void handler_of_other_type(WorkerPool &Pool, std::string T, std::string Body) {
  Pool.submit([T, Body] {
    std::string Saved = tenant;
    tenant = T;
    try {
      parse(Body);
    } catch (const std::out_of_range &) {
    }
    tenant = Saved;
  });
  // CHECK: :[[@LINE-9]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-8]]:5: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-7]]:7: note: the lambda leaves here without restoring it when this call throws
  // CHECK: :[[@LINE-10]]:5: note: no fix: the task writes the context more than once
}

// A handler that rethrows without restoring.
void rethrows_without_restore(WorkerPool &Pool, std::string T,
                              std::string Body) {
  Pool.submit([T, Body] {
    std::string Saved = tenant;
    tenant = T;
    try {
      parse(Body);
    } catch (...) {
      throw;
    }
    tenant = Saved;
  });
  // CHECK: :[[@LINE-10]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-9]]:5: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-6]]:7: note: the lambda throws here without restoring it
  // CHECK: :[[@LINE-11]]:5: note: no fix: the task writes the context more than once
}

// A task function.
std::string next_body() noexcept;
void job() {
  tenant = "batch";
  parse(next_body());
  tenant.clear();
}
void task_function(WorkerPool &Pool) { Pool.submit(job); }
// CHECK: :[[@LINE-1]]:40: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
// CHECK: :[[@LINE-6]]:3: note: 'job' sets thread-local 'tenant' here
// CHECK: :[[@LINE-6]]:3: note: 'job' leaves here without restoring it when this call throws
// CHECK: :[[@LINE-8]]:3: note: no fix: the task writes the context more than once

// Not a bug: the handler restores before the exception goes on.
void restored_in_handler(WorkerPool &Pool, std::string T, std::string Body) {
  Pool.submit([T, Body] {
    std::string Saved = tenant;
    tenant = T;
    try {
      parse(Body);
    } catch (...) {
      tenant = Saved;
      throw;
    }
    tenant = Saved;
  });
}

// Not a bug: a scope object puts the value back when the exception leaves.
void scope_object(WorkerPool &Pool, std::string T, std::string Body) {
  Pool.submit([T, Body] {
    ctxloss::scoped_value restore_tenant(tenant, T);
    parse(Body);
  });
}

// Not a bug: the callee catches what it throws; a 'noexcept' callee ends
// the program instead. The broad variant sees only that 'handle_quietly' is
// not declared 'noexcept'.
void caught_or_noexcept(WorkerPool &Pool, std::string T, std::string Body) {
  Pool.submit([T, Body] {
    std::string Saved = tenant;
    tenant = T;
    handle_quietly(Body);
    validate(Body);
    tenant = Saved;
  });
  // ANY: :[[@LINE-7]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // ANY: :[[@LINE-6]]:5: note: the lambda sets thread-local 'tenant' here
  // ANY: :[[@LINE-6]]:5: note: the lambda leaves here without restoring it when this call throws
  // ANY: :[[@LINE-8]]:5: note: no fix: the task writes the context more than once
}

// Not a bug by default: 'store' never throws, and 'external' is not known
// to; the broad variant reports both.
void not_known_to_throw(WorkerPool &Pool, std::string T, std::string Body) {
  Pool.submit([T, Body] {
    std::string Saved = tenant;
    tenant = T;
    store(Body);
    tenant = Saved;
  });
  // ANY: :[[@LINE-6]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // ANY: :[[@LINE-5]]:5: note: the lambda sets thread-local 'tenant' here
  // ANY: :[[@LINE-5]]:5: note: the lambda leaves here without restoring it when this call throws
  // ANY: :[[@LINE-7]]:5: note: no fix: the task writes the context more than once
  Pool.submit([T, Body] {
    std::string Saved = tenant;
    tenant = T;
    external(Body);
    tenant = Saved;
  });
  // ANY: :[[@LINE-6]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // ANY: :[[@LINE-5]]:5: note: the lambda sets thread-local 'tenant' here
  // ANY: :[[@LINE-5]]:5: note: the lambda leaves here without restoring it when this call throws
  // ANY: :[[@LINE-7]]:5: note: no fix: the task writes the context more than once
}

// Not a bug: a throwing call before the write, or after the restore. The
// broad variant takes 'log_line' for one that may throw.
void outside_the_window(WorkerPool &Pool, std::string T, std::string Body) {
  Pool.submit([T, Body] {
    parse(Body);
    std::string Saved = tenant;
    tenant = T;
    log_line("job");
    tenant = Saved;
    parse(Body);
  });
  // ANY: :[[@LINE-8]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // ANY: :[[@LINE-6]]:5: note: the lambda sets thread-local 'tenant' here
  // ANY: :[[@LINE-6]]:5: note: the lambda leaves here without restoring it when this call throws
  // ANY: :[[@LINE-8]]:5: note: no fix: the task writes the context more than once
}
