// RUN: sed -e 's,// [A-Z-]*:.*,,' %s > %t.cpp
// RUN: %clang_tidy_plugin %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Poco's spawning API, against Debian's Poco headers: a Runnable, a
// function pointer with its argument or a functor on a new thread, a
// Runnable on a pooled thread, a Task in a TaskManager, a timer's callback.

#include <Poco/Runnable.h>
#include <Poco/Task.h>
#include <Poco/TaskManager.h>
#include <Poco/Thread.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timer.h>

thread_local int tenant = 0;

void enter(int T) { tenant = T; }
int current_tenant() { return tenant; }

class Handler : public Poco::Runnable {
public:
  void run() override { (void)current_tenant(); }
};

class Quiet : public Poco::Runnable {
public:
  void run() override {}
};

class Reindex : public Poco::Task {
public:
  Reindex() : Poco::Task("reindex") {}
  void runTask() override { (void)current_tenant(); }
};

void body(void *) { (void)current_tenant(); }

class Poller {
public:
  void onTimer(Poco::Timer &) { (void)current_tenant(); }
};

void threads() {
  Handler H;
  Poco::Thread T;
  T.start(H);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'Poco::Thread::start' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :25:31: note: 'Handler::run' calls 'current_tenant' here
  // CHECK: :21:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:11: note: no fix-it: the task is passed as 'Poco::Runnable', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
  T.join();
  Poco::Thread C;
  C.start(body, nullptr);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'Poco::Thread::start'
  // CHECK: :39:27: note: 'body' calls 'current_tenant' here
  // CHECK: :21:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:11: note: no fix-it: the task is passed as a function pointer, which cannot carry a snapshot of 'tenant'; pass the value through the task's argument and restore it with 'ctxloss::scoped_value' at the top of the task
  C.join();
  Poco::Thread F;
  F.startFunc([] { (void)current_tenant(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'Poco::Thread::startFunc'
  // CHECK: :[[@LINE-2]]:26: note: the lambda calls 'current_tenant' here
  // CHECK: :21:31: note: 'current_tenant' reads thread-local 'tenant' here
  F.join();
}

void pools(Poco::ThreadPool &Pool, Poco::TaskManager &Tasks) {
  Handler H;
  Pool.start(H);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'Poco::ThreadPool::start'
  // CHECK: :25:31: note: 'Handler::run' calls 'current_tenant' here
  // CHECK: :21:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:14: note: no fix-it: the task is passed as 'Poco::Runnable',
  Pool.start(H, "handler");
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'Poco::ThreadPool::start'
  // CHECK: :25:31: note: 'Handler::run' calls 'current_tenant' here
  // CHECK: :21:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:14: note: no fix-it: the task is passed as 'Poco::Runnable',
  Pool.startWithPriority(Poco::Thread::PRIO_HIGH, H);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'Poco::ThreadPool::startWithPriority'
  // CHECK: :25:31: note: 'Handler::run' calls 'current_tenant' here
  // CHECK: :21:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:51: note: no fix-it: the task is passed as 'Poco::Runnable',
  // A Task runs its runTask() (Poco::Task::run calls it).
  Tasks.start(new Reindex);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'Poco::TaskManager::start'
  // CHECK: :36:35: note: 'Reindex::runTask' calls 'current_tenant' here
  // CHECK: :21:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:15: note: no fix-it: the task is passed as 'Poco::Task',
}

// A timer calls the member its callback object names.
void timers(Poller &P) {
  Poco::Timer Timer(0, 100);
  Timer.start(Poco::TimerCallback<Poller>(P, &Poller::onTimer));
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'Poco::Timer::start'
  // CHECK: :43:39: note: 'Poller::onTimer' calls 'current_tenant' here
  // CHECK: :21:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:15: note: no fix-it: the task is passed as 'Poco::AbstractTimerCallback',
}

// An object that starts itself (`_thread.start(*this)`, as Poco's own
// ActiveDispatcher and TCPServer do): its own run().
class Dispatcher : protected Poco::Runnable {
public:
  Dispatcher() { Worker.start(*this); }
  // CHECK: :[[@LINE-1]]:18: warning: thread-local 'tenant' is read in a task started by 'Poco::Thread::start'
  // CHECK: :[[@LINE+7]]:31: note: 'Dispatcher::run' calls 'current_tenant' here
  // CHECK: :21:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:31: note: no fix-it: the task is passed as 'Poco::Runnable',

private:
  Poco::Thread Worker;
protected:
  void run() override { (void)current_tenant(); }
};

// Negatives: a Runnable that does not read the context; a Runnable whose
// dynamic type the site does not show; a Runnable run inline.
void negatives(Poco::ThreadPool &Pool, Poco::Runnable &Unknown) {
  Quiet Q;
  Pool.start(Q);
  Poco::Thread T;
  T.start(Q);
  T.join();
  Pool.start(Unknown);
  Handler H;
  H.run();
}

int main() {
  enter(1);
  threads();
  Poco::ThreadPool Pool;
  Poco::TaskManager Tasks(Pool);
  pools(Pool, Tasks);
  Poller P;
  timers(P);
  Quiet Q;
  negatives(Pool, Q);
  Dispatcher D;
}
