#include "Thread.h"

// Poco's PooledThread: its run() reads the worker's own Thread.
class PooledThread : public Poco::Runnable {
public:
  void start() { _thread.start(*this); }
  void run() override { (void)Poco::Thread::current(); }

private:
  Poco::Thread _thread;
};

class TenantJob : public Poco::Runnable {
public:
  void start() { _thread.start(*this); }
  void run() override { (void)tenant_of(); }

private:
  Poco::Thread _thread;
};

class LiteJob : public Poco::Runnable {
public:
  void start() { _thread.start(*this); }
  void run() override { (void)Lite::Thread::current(); }

private:
  Lite::Thread _thread;
};

int main() {
  enter(1);
  Lite::Thread::adopt(nullptr);
  PooledThread P;
  P.start();
  TenantJob T;
  T.start();
  LiteJob L;
  L.start();
}
