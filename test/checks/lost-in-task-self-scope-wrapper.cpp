// RUN: %clang_tidy_plugin %s --checks='-*,context-*' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-*' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// A scope that installs itself through a thread-local wrapper: its
// constructor hands `this` to the wrapper's operator=, which stores its
// parameter in the thread-local, after saving the previous value read
// through the wrapper's operator T*. Reduced from asio 1.38
// (detail/call_stack.hpp, detail/tss_ptr.hpp, detail/keyword_tss_ptr.hpp):
// call_stack<Key>::context marks which scheduler the current thread runs.

#include <thread>

namespace detail {
template <typename T> class keyword_tss_ptr {
public:
  operator T *() const { return value_; }
  void operator=(T *value) { value_ = value; }

private:
  static thread_local T *value_;
};

template <typename T> thread_local T *keyword_tss_ptr<T>::value_;

template <typename T> class tss_ptr : public keyword_tss_ptr<T> {
public:
  void operator=(T *value) { keyword_tss_ptr<T>::operator=(value); }
};

template <typename Key> class call_stack {
public:
  class context {
  public:
    explicit context(Key *k) : key_(k), next_(call_stack<Key>::top_) {
      call_stack<Key>::top_ = this;
    }
    ~context() { call_stack<Key>::top_ = next_; }

  private:
    friend class call_stack<Key>;
    Key *key_;
    context *next_;
  };

  static Key *top() {
    context *elem = top_;
    return elem ? elem->key_ : nullptr;
  }

private:
  static tss_ptr<context> top_;
};

template <typename Key>
tss_ptr<typename call_stack<Key>::context> call_stack<Key>::top_;
} // namespace detail

struct scheduler {
  void run() {
    detail::call_stack<scheduler>::context ctx(this);
    poll();
  }
  void poll() {}
};

bool running_in_this_thread() {
  return detail::call_stack<scheduler>::top() != nullptr;
}

void worker() { running_in_this_thread(); }

void start() {
  scheduler s;
  s.run();
  std::thread t(worker);
  t.join();
}

// A real context behind the same wrapper: a request handler sets it, a task
// reads it.
struct Request {
  int id = 0;
};
detail::tss_ptr<Request> current_request;

int request_id() {
  Request *r = current_request;
  return r ? r->id : -1;
}

void audit() { request_id(); }

void handle(Request *req) {
  current_request = req;
  std::thread t(audit);
  t.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-local 'detail::keyword_tss_ptr<Request>::value_' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-8]]:16: note: 'audit' calls 'request_id' here
// CHECK: note: 'request_id' calls 'detail::keyword_tss_ptr<Request>::operator Request *' here
// CHECK: :18:33: note: 'detail::keyword_tss_ptr<Request>::operator Request *' reads thread-local 'detail::keyword_tss_ptr<Request>::value_' here
// CHECK: :[[@LINE-7]]:17: note: no fix-it: 'detail::keyword_tss_ptr<Request>::value_' is not accessible here and no public accessor hands it out by reference; snapshot it here and restore it in the task with the project's own setter or scope class
