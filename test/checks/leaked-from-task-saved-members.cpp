// RUN: %clang_tidy_plugin %s --checks='-*,context-leaked-from-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-leaked-from-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// The previous value kept in a data member: a member function of the class
// saves it there (`Prev = tenant;`, `Prev(tenant)`) and the task or the
// object's destructor puts it back (`tenant = Prev;`). A restore from such
// a member is a restore; a local object of the task whose destructor puts
// it back is a scope object for what is set while it lives.

#include <functional>
#include <string>

class WorkerPool {
public:
  void submit(std::function<void()> Task);
};

thread_local std::string tenant;
void log_line(const char *) { (void)tenant.size(); }
std::string current_tenant() { return tenant; }
void set_tenant(const std::string &T) { tenant = T; }

// Not a bug: a method task that saves the tenant in a member and puts it
// back before it ends.
class Job {
public:
  explicit Job(std::string T) : T(std::move(T)) {}
  void run() {
    Prev = tenant;
    tenant = T;
    log_line("job");
    tenant = Prev;
  }
  void run_through_getter() {
    Prev = current_tenant();
    set_tenant(T);
    log_line("job");
    set_tenant(Prev);
  }
  void start(WorkerPool &Pool) {
    Pool.submit([this] { run(); });
    Pool.submit([this] { run_through_getter(); });
  }

  // A method that returns early before the restore leaks.
  void run_or_skip(bool Skip) {
    Prev = tenant;
    tenant = T;
    if (Skip)
      return;
    log_line("job");
    tenant = Prev;
  }
  void start_or_skip(WorkerPool &Pool, bool Skip) {
    Pool.submit([this, Skip] { run_or_skip(Skip); });
    // CHECK: :[[@LINE-1]]:5: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
    // CHECK: :[[@LINE-2]]:32: note: the lambda calls 'Job::run_or_skip' here
    // CHECK: :[[@LINE-10]]:5: note: 'Job::run_or_skip' sets thread-local 'tenant' here
    // CHECK: :[[@LINE-4]]:51: note: the lambda ends here without restoring it
    // CHECK: :[[@LINE-12]]:5: note: no fix: the context is set in 'Job::run_or_skip', which the task calls; a scope object there would end with the call
  }

  // A member that is not saved from the tenant restores nothing.
  void run_with_default() {
    tenant = T;
    log_line("job");
    tenant = Fallback;
  }
  void start_with_default(WorkerPool &Pool) {
    Pool.submit([this] { run_with_default(); });
    // CHECK: :[[@LINE-1]]:5: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
    // CHECK: :[[@LINE-2]]:26: note: the lambda calls 'Job::run_with_default' here
    // CHECK: :[[@LINE-8]]:5: note: 'Job::run_with_default' sets thread-local 'tenant' here
    // CHECK: :[[@LINE-4]]:46: note: the lambda ends here without restoring it
    // CHECK: :[[@LINE-10]]:5: note: no fix: the context is set in 'Job::run_with_default', which the task calls; a scope object there would end with the call
  }

private:
  std::string T;
  std::string Prev;
  std::string Fallback = "none";
};

// A class whose destructor puts the saved member back: its constructor does
// not set the tenant, 'enter' does.
class TenantSwitch {
public:
  TenantSwitch() = default;
  ~TenantSwitch() { tenant = Prev; }
  void enter(const std::string &T) {
    Prev = tenant;
    tenant = T;
  }

private:
  std::string Prev;
};

// Not a bug: the switch is a local of the task; its destructor puts the
// worker's tenant back on every way out.
void local_switch(WorkerPool &Pool, std::string T, bool Skip) {
  Pool.submit([T, Skip] {
    TenantSwitch Switch;
    Switch.enter(T);
    if (Skip)
      return;
    log_line("job");
  });
}

// Not a bug: the same with the saved value in a constructor's member
// initialiser and the restore in the destructor through the setter.
class SetterScope {
public:
  explicit SetterScope(int) : Prev(tenant) {}
  ~SetterScope() { set_tenant(Prev); }

private:
  std::string Prev;
};
void local_setter_scope(WorkerPool &Pool, std::string T) {
  Pool.submit([T] {
    SetterScope Scope(0);
    tenant = T;
    log_line("job");
  });
}

// The switch outlives the task: it is the spawning function's, captured by
// reference, and its destructor runs on the spawning thread.
void shared_switch(WorkerPool &Pool, TenantSwitch &Switch, std::string T) {
  Pool.submit([&Switch, T] {
    Switch.enter(T);
    log_line("job");
  });
  // CHECK: :[[@LINE-4]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-4]]:12: note: the lambda calls 'TenantSwitch::enter' here
  // CHECK: :[[@LINE-46]]:5: note: 'TenantSwitch::enter' sets thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:3: note: the lambda ends here without restoring it
  // CHECK: :[[@LINE-48]]:5: note: no fix: the context is set in 'TenantSwitch::enter', which the task calls; a scope object there would end with the call
}

// The switch is a local, but declared after the write: it does not cover
// it.
void switch_after_write(WorkerPool &Pool, std::string T) {
  Pool.submit([T] {
    set_tenant(T);
    TenantSwitch Later;
    log_line("job");
  });
  // CHECK: :[[@LINE-5]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-5]]:5: note: the lambda calls 'set_tenant' here
  // CHECK: :23:41: note: 'set_tenant' sets thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:3: note: the lambda ends here without restoring it
  // CHECK: :23:41: note: no fix: the context is set in 'set_tenant', which the task calls; a scope object there would end with the call
}

// A class whose destructor does not restore is no scope object.
class Forgetful {
public:
  ~Forgetful() { log_line("bye"); }
};
void forgetful_local(WorkerPool &Pool, std::string T) {
  Pool.submit([T] {
    Forgetful F;
    tenant = T;
    log_line("job");
  });
  // CHECK: :[[@LINE-5]]:3: warning: thread-local 'tenant' is left set by a task started by 'WorkerPool::submit': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-4]]:5: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:3: note: the lambda ends here without restoring it
}
