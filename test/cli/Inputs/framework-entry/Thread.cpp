#include "Thread.h"

namespace Poco {

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

namespace Lite {

static pthread_key_t currentKey;

Thread *Thread::current() {
  return static_cast<Thread *>(pthread_getspecific(currentKey));
}
void Thread::adopt(Thread *T) { pthread_setspecific(currentKey, T); }

void *Thread::entry(void *pThread) {
  static_cast<Thread *>(pThread)->_target->run();
  return nullptr;
}

void Thread::start(Poco::Runnable &target) {
  _target = &target;
  pthread_create(&_thread, nullptr, entry, this);
}

} // namespace Lite

thread_local int tenant = 0;
void enter(int T) { tenant = T; }
int tenant_of() { return tenant; }
