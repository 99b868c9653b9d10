#pragma once
#include <pthread.h>

// Poco 1.11's Thread (Thread.h, Thread_POSIX.h), reduced.
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
};

} // namespace Poco

// A thread class of the program whose entry does not set the key.
namespace Lite {

class Thread {
public:
  void start(Poco::Runnable &target);
  static Thread *current();
  static void adopt(Thread *T);

private:
  static void *entry(void *pThread);
  Poco::Runnable *_target = nullptr;
  pthread_t _thread;
};

} // namespace Lite

void enter(int T);
int tenant_of();
