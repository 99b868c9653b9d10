// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// A wrapper class found by analysis: a member function that passes a key held
// in a data member to pthread_getspecific reads the object's context, one
// that passes it to pthread_setspecific writes it. Each global object of the
// class is one context. A thread entry that sets it before reading is silent.

#include <pthread.h>
#include <thread>

// Poco's CurrentThreadHolder (Thread_POSIX.h): the key is a data member, and
// the class is a wrapper because its members use it.
namespace Poco {
class Thread {
public:
  void run() {}
};
class CurrentThreadHolder {
public:
  CurrentThreadHolder() { pthread_key_create(&_key, nullptr); }
  Thread *get() const { return static_cast<Thread *>(pthread_getspecific(_key)); }
  void set(Thread *T) { pthread_setspecific(_key, T); }

private:
  pthread_key_t _key;
};
static CurrentThreadHolder holder;
Thread *current() { return holder.get(); }
void adopt(Thread *T) { holder.set(T); }

// runnableEntry sets the key before it reads it: silent.
void *runnableEntry(void *P) {
  holder.set(static_cast<Thread *>(P));
  current()->run();
  return nullptr;
}
void start(Thread *T) {
  pthread_t Id;
  pthread_create(&Id, nullptr, runnableEntry, T);
}

void lost_holder() {
  std::thread Worker([] { current(); });
  Worker.join();
}
// CHECK: :[[@LINE-3]]:15: warning: thread-specific data of key 'Poco::holder' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:27: note: the lambda calls 'Poco::current' here
// CHECK: :[[@LINE-20]]:35: note: 'Poco::current' reads thread-specific data of key 'Poco::holder' here
// CHECK: :[[@LINE-6]]:22: note: no fix-it: thread-specific data of key 'Poco::holder' has no scoped restore; read it with 'pthread_getspecific' here, pass it to the task and set it there with 'pthread_setspecific', putting the previous value back before the task returns
} // namespace Poco
