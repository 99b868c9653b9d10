// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.SpawnFunctions: 'Lite::Thread::start; Lite::spawn; Lite::spawnMaybe'}}" \
// RUN:   -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.SpawnFunctions: 'Lite::Thread::start; Lite::spawn; Lite::spawnMaybe'}}" \
// RUN:   -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// A spawn through a framework whose implementation is in the translation
// unit: the task runs inside the framework's own thread entry, and what that
// entry sets before it calls the task is set for the task. Poco 1.11's shape
// (Thread.h, Thread_POSIX.h/.cpp, ThreadPool.cpp), reduced: Thread::start
// hands the Runnable to startImpl, whose pthread_create runs runnableEntry,
// which sets the current-thread key and then calls pRunnableTarget->run().
// PooledThread::run reads Thread::current(): silent (it was reported before,
// as if the key were the spawner's context). A task of the same framework
// reading another context, a framework whose entry does not set the key, and
// one whose entry sets it on one path only are still reported; the rule is
// the framework's code, so the program's own frameworks (SpawnFunctions) get
// it too, also a template trampoline calling the task's operator(). A task
// that runs on a pool's thread reading the key is silent as well (below).

#include <pthread.h>

namespace Poco {

class Runnable {
public:
  virtual ~Runnable() {}
  virtual void run() = 0;
};

class ThreadImpl {
public:
  static ThreadImpl *currentImpl();

protected:
  void startImpl(Runnable &target);
  static void *runnableEntry(void *pThread);

private:
  class CurrentThreadHolder {
  public:
    CurrentThreadHolder() { pthread_key_create(&_key, nullptr); }
    ThreadImpl *get() const {
      return reinterpret_cast<ThreadImpl *>(pthread_getspecific(_key));
    }
    void set(ThreadImpl *pThread) { pthread_setspecific(_key, pThread); }

  private:
    pthread_key_t _key;
  };
  struct ThreadData {
    Runnable *pRunnableTarget = nullptr;
    pthread_t thread;
  };
  ThreadData *_pData = new ThreadData;
  static CurrentThreadHolder _currentThreadHolder;
};

class Thread : private ThreadImpl {
public:
  void start(Runnable &target);
  static Thread *current();
  int id() const { return 1; }
};

ThreadImpl::CurrentThreadHolder ThreadImpl::_currentThreadHolder;

ThreadImpl *ThreadImpl::currentImpl() { return _currentThreadHolder.get(); }

void ThreadImpl::startImpl(Runnable &target) {
  _pData->pRunnableTarget = &target;
  pthread_create(&_pData->thread, nullptr, runnableEntry, this);
}

void *ThreadImpl::runnableEntry(void *pThread) {
  _currentThreadHolder.set(reinterpret_cast<ThreadImpl *>(pThread));
  ThreadImpl *pThreadImpl = reinterpret_cast<ThreadImpl *>(pThread);
  pThreadImpl->_pData->pRunnableTarget->run();
  return nullptr;
}

void Thread::start(Runnable &target) { startImpl(target); }

Thread *Thread::current() { return static_cast<Thread *>(currentImpl()); }

} // namespace Poco

thread_local int tenant = 0;
void enter(int T) { tenant = T; }

// The FP case: the worker reads the framework's own current-thread key.
class PooledThread : public Poco::Runnable {
public:
  void start() { _thread.start(*this); }
  void run() override {
    Poco::Thread *Self = Poco::Thread::current();
    (void)Self;
  }

private:
  Poco::Thread _thread;
};

// Positive: the same framework, a task reading another context, which the
// framework's entry does not set.
class TenantJob : public Poco::Runnable {
public:
  void start() { _thread.start(*this); }
  // CHECK: :[[@LINE-1]]:18: warning: thread-local 'tenant' is read in a task started by 'Poco::Thread::start' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE+4]]:11: note: 'TenantJob::run' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:32: note: no fix-it: the task is passed as 'Poco::Runnable',
  void run() override {
    Poco::Thread::current();
    (void)tenant;
  }

private:
  Poco::Thread _thread;
};

// Positive: a framework of the program (named in SpawnFunctions) with the
// same key, whose entry does not set it: the key is the spawner's context
// (adopt() sets it on the caller's thread), and the task loses it.
namespace Lite {

class Thread {
public:
  void start(Poco::Runnable &target);
  static Thread *current();

private:
  static void *entry(void *pThread);
  Poco::Runnable *_target = nullptr;
  pthread_t _thread;
};

pthread_key_t currentKey;

Thread *Thread::current() {
  return static_cast<Thread *>(pthread_getspecific(currentKey));
}
void adopt(Thread *T) { pthread_setspecific(currentKey, T); }

void *Thread::entry(void *pThread) {
  static_cast<Thread *>(pThread)->_target->run();
  return nullptr;
}

void Thread::start(Poco::Runnable &target) {
  _target = &target;
  pthread_create(&_thread, nullptr, entry, this);
}

// Template trampolines: the entry calls the task's own operator(), after
// setting the key on every path (silent), or on one path only (reported).
template <class F> void *entryOf(void *P) {
  pthread_setspecific(currentKey, P);
  (*static_cast<F *>(P))();
  return nullptr;
}
template <class F> void spawn(F Fn) {
  pthread_t T;
  pthread_create(&T, nullptr, &entryOf<F>, new F(Fn));
}
template <class F> void *entryMaybe(void *P) {
  if (P != &currentKey)
    pthread_setspecific(currentKey, P);
  (*static_cast<F *>(P))();
  return nullptr;
}
template <class F> void spawnMaybe(F Fn) {
  pthread_t T;
  pthread_create(&T, nullptr, &entryMaybe<F>, new F(Fn));
  // The framework's own spawn, instantiated for the lambda below.
  // CHECK: :[[@LINE-2]]:3: warning: thread-specific data of key 'Lite::currentKey' is read in a task started by 'pthread_create' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-8]]:3: note: 'Lite::entryMaybe' calls the lambda here
  // CHECK: :[[@LINE+22]]:45: note: the lambda calls 'Lite::Thread::current' here
  // CHECK: :143:32: note: 'Lite::Thread::current' reads thread-specific data of key 'Lite::currentKey' here
  // CHECK: :[[@LINE-6]]:31: note: no fix-it: the task is passed as a function pointer,
}

} // namespace Lite

class LiteJob : public Poco::Runnable {
public:
  void start() { _thread.start(*this); }
  // CHECK: :[[@LINE-1]]:18: warning: thread-specific data of key 'Lite::currentKey' is read in a task started by 'Lite::Thread::start' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE+3]]:45: note: 'LiteJob::run' calls 'Lite::Thread::current' here
  // CHECK: :143:32: note: 'Lite::Thread::current' reads thread-specific data of key 'Lite::currentKey' here
  // CHECK: :[[@LINE-4]]:32: note: no fix-it: the task is passed as 'Poco::Runnable',
  void run() override { (void)Lite::Thread::current(); }

private:
  Lite::Thread _thread;
};

void lambdas() {
  Lite::spawn([] { (void)Lite::Thread::current(); });
  Lite::spawnMaybe([] { (void)Lite::Thread::current(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-specific data of key 'Lite::currentKey' is read in a task started by 'Lite::spawnMaybe' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:45: note: the lambda calls 'Lite::Thread::current' here
  // CHECK: :143:32: note: 'Lite::Thread::current' reads thread-specific data of key 'Lite::currentKey' here
  // CHECK: :[[@LINE-4]]:20: note: no fix-it: thread-specific data of key 'Lite::currentKey' has no scoped restore;
}

// The current-thread key is the thread's identity, not context: Poco's
// Thread installs itself on the thread it starts (pthread_create passes
// `this`, runnableEntry stores it). A task a pool runs on a thread of its
// own reads that thread's Thread object (Poco 1.11's SyslogParser::run
// making a Message on a ThreadPool thread): silent.
class WorkQueue {
public:
  void submit(Poco::Runnable *R);
};
class Probe : public Poco::Runnable {
public:
  void run() override { (void)Poco::Thread::current(); }
};
void pooled(WorkQueue &Q) { Q.submit(new Probe); }

int main() {
  enter(1);
  PooledThread P;
  P.start();
  TenantJob J;
  J.start();
  Lite::adopt(nullptr);
  LiteJob L;
  L.start();
  lambdas();
  WorkQueue Q;
  pooled(Q);
}
