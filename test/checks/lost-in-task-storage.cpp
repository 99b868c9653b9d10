// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Context storage as real code keeps it: behind accessor functions (a
// function-local thread-local, a static member behind a getter, a class
// template's static member, several levels deep), under a POSIX key; and the
// project's own restores: a scope class found by analysis (only a local
// object restores, only inside its scope), a task that sets up its own
// context first. Saving the previous value, testing the initial value and
// putting a copied value back are not reads. What the caller does with an
// accessor's result decides read or write: assigning it, or calling a
// non-const member (an RNG's next()), writes.

#include <pthread.h>
#include <random>
#include <string>
#include <thread>

namespace app {
struct Options {
  int timeout = 0;
};
// An accessor over a function-local thread-local (google-cloud-cpp's shape),
// and a second level over it.
Options &ThreadLocalOptions() {
  thread_local Options O;
  return O;
}
Options &CurrentOptions() { return ThreadLocalOptions(); }
void SetOptions(Options O) { ThreadLocalOptions() = O; }
int timeout() { return CurrentOptions().timeout; }

void lost_through_accessor() {
  std::thread T([] { timeout(); });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-local 'app::ThreadLocalOptions::O' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:22: note: the lambda calls 'app::timeout' here
// CHECK: :[[@LINE-8]]:24: note: 'app::timeout' reads thread-local 'app::ThreadLocalOptions::O' through 'app::CurrentOptions' here

// A static thread-local member behind a pointer accessor.
struct Session {
  std::string user;
  static Session *Get() { return &current_; }

private:
  static thread_local Session current_;
};
thread_local Session Session::current_;
void set_user(const std::string &U) { Session::Get()->user = U; }
std::string user() { return Session::Get()->user; }

void lost_through_pointer_accessor() {
  std::thread T([] { user(); });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-local 'app::Session::current_' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:22: note: the lambda calls 'app::user' here
// CHECK: :[[@LINE-8]]:38: note: 'app::user' reads thread-local 'app::Session::current_' through 'app::Session::Get' here

// A class template's static thread-local behind a getter (gRPC's
// promise/context.h shape).
template <class T> struct Context {
  static T *get() { return current_; }
  static void set(T *V) { current_ = V; }

private:
  static thread_local T *current_;
};
template <class T> thread_local T *Context<T>::current_ = nullptr;
struct Arena {
  int id = 0;
};
void enter(Arena *A) { Context<Arena>::set(A); }
int arena_id() { return Context<Arena>::get()->id; }

void lost_through_template() {
  std::thread T([] { arena_id(); });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-local 'app::Context<app::Arena>::current_' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:22: note: the lambda calls 'app::arena_id' here
// CHECK: :[[@LINE-8]]:41: note: 'app::arena_id' calls 'app::Context<app::Arena>::get' here
// CHECK: :[[@LINE-20]]:28: note: 'app::Context<app::Arena>::get' reads thread-local 'app::Context<app::Arena>::current_' here
// CHECK: :[[@LINE-7]]:17: note: no fix-it: 'app::Context<app::Arena>::current_' is not accessible here and no public accessor hands it out by reference; snapshot it here and restore it in the task with the project's own setter or scope class

// A POSIX key.
pthread_key_t tenant_key;
void set_tenant(void *T) { pthread_setspecific(tenant_key, T); }
void *tenant() { return pthread_getspecific(tenant_key); }

void lost_key() {
  std::thread T([] { tenant(); });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-specific data of key 'app::tenant_key' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:22: note: the lambda calls 'app::tenant' here
// CHECK: :[[@LINE-8]]:25: note: 'app::tenant' reads thread-specific data of key 'app::tenant_key' here
// CHECK: :[[@LINE-6]]:17: note: no fix-it: thread-specific data of key 'app::tenant_key' has no scoped restore; read it with 'pthread_getspecific' here, pass it to the task and set it there with 'pthread_setspecific', putting the previous value back before the task returns

// The project's own scope class, found by analysis.
struct ScopedOptions {
  explicit ScopedOptions(Options O) : Prev(ThreadLocalOptions()) {
    ThreadLocalOptions() = O;
  }
  ~ScopedOptions() { ThreadLocalOptions() = Prev; }
  Options Prev;
};

void restored_by_scope_class() {
  std::thread T([O = CurrentOptions()] {
    ScopedOptions Scope(O);
    timeout();
  });
  T.join();
}

void temporary_restores_nothing() {
  std::thread T([O = CurrentOptions()] {
    ScopedOptions{O};
    timeout();
  });
  T.join();
}
// CHECK: :[[@LINE-6]]:15: warning: thread-local 'app::ThreadLocalOptions::O' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-5]]:5: note: the lambda calls 'app::timeout' here
// CHECK: :[[@LINE-96]]:24: note: 'app::timeout' reads thread-local 'app::ThreadLocalOptions::O' through 'app::CurrentOptions' here

void scope_on_one_branch(bool B) {
  std::thread T([O = CurrentOptions(), B] {
    if (B) {
      ScopedOptions Scope(O);
    }
    timeout();
  });
  T.join();
}
// CHECK: :[[@LINE-8]]:15: warning: thread-local 'app::ThreadLocalOptions::O' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-5]]:5: note: the lambda calls 'app::timeout' here
// CHECK: :[[@LINE-109]]:24: note: 'app::timeout' reads thread-local 'app::ThreadLocalOptions::O' through 'app::CurrentOptions' here

void read_after_scope() {
  std::thread T([O = CurrentOptions()] {
    { ScopedOptions Scope(O); }
    timeout();
  });
  T.join();
}
// CHECK: :[[@LINE-6]]:15: warning: thread-local 'app::ThreadLocalOptions::O' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-5]]:5: note: the lambda calls 'app::timeout' here
// CHECK: :[[@LINE-120]]:24: note: 'app::timeout' reads thread-local 'app::ThreadLocalOptions::O' through 'app::CurrentOptions' here

// gRPC's ExecCtx: a scope class whose constructor saves the previous
// context and installs itself.
class ExecCtx {
public:
  ExecCtx() : Last(Get()) { Set(this); }
  ~ExecCtx() { Set(Last); }
  static ExecCtx *Get() { return exec_ctx_; }
  static void Set(ExecCtx *C) { exec_ctx_ = C; }
  void Flush() {}

private:
  ExecCtx *Last;
  static thread_local ExecCtx *exec_ctx_;
};
thread_local ExecCtx *ExecCtx::exec_ctx_ = nullptr;
void flush_current() { ExecCtx::Get()->Flush(); }

void own_exec_ctx() {
  std::thread T([] {
    ExecCtx Ctx;
    flush_current();
  });
  T.join();
}

void no_exec_ctx() {
  std::thread T([] { flush_current(); });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-local 'app::ExecCtx::exec_ctx_' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:22: note: the lambda calls 'app::flush_current' here
// CHECK: :[[@LINE-16]]:33: note: 'app::flush_current' calls 'app::ExecCtx::Get' here
// CHECK: :[[@LINE-26]]:34: note: 'app::ExecCtx::Get' reads thread-local 'app::ExecCtx::exec_ctx_' here
// CHECK: :[[@LINE-7]]:17: note: no fix-it: 'app::ExecCtx::exec_ctx_' is not accessible here and no public accessor hands it out by reference; snapshot it here and restore it in the task with the project's own setter or scope class

// gRPC's ApplicationCallbackExecCtx::Set: only set when unset.
struct CallbackCtx {
  static CallbackCtx *Get() { return current_; }
  static void Set(CallbackCtx *C) {
    if (Get() == nullptr)
      current_ = C;
  }
  static thread_local CallbackCtx *current_;
};
thread_local CallbackCtx *CallbackCtx::current_ = nullptr;
void install(CallbackCtx *C) { CallbackCtx::Set(C); }

void guard_is_not_a_read() {
  std::thread T([] {
    CallbackCtx C;
    install(&C);
  });
  T.join();
}

// OpenCV's RNG, put back by the task that copied it.
struct RNG {
  unsigned state = 1;
  unsigned next() { return state = state * 4164903690U + 1; }
};
RNG &theRNG() {
  thread_local RNG R;
  return R;
}
void seed(unsigned S) { theRNG() = RNG{S}; }
unsigned peek() { return theRNG().state; }

void rng_put_back() {
  std::thread T([Rng = theRNG()] {
    theRNG() = Rng;
    theRNG().next();
  });
  T.join();
}

void rng_advanced_only() {
  std::thread T([] { theRNG().next(); });
  T.join();
}

// A per-thread cache behind an accessor, never set from outside.
std::mt19937 &RandGen() {
  thread_local std::mt19937 G;
  return G;
}
unsigned draw() { return RandGen()(); }

void per_thread_cache() {
  std::thread T([] { draw(); });
  T.join();
}

// A lazily created per-thread buffer behind a key.
pthread_key_t buffer_key;
char *buffer() {
  if (pthread_getspecific(buffer_key) == nullptr)
    pthread_setspecific(buffer_key, new char[64]);
  return static_cast<char *>(pthread_getspecific(buffer_key));
}

void lazy_key() {
  std::thread T([] { buffer(); });
  T.join();
}
} // namespace app
