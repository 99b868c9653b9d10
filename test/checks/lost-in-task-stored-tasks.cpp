// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task,context-leaked-from-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task,context-leaked-from-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// Found by analysis, not by name: the same findings with the pool-like
// heuristic turned off.
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task,context-leaked-from-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.PoolLikeClasses: '', context-leaked-from-task.PoolLikeClasses: ''}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// The copy-and-run fixes compile, and the fixed file is silent but for the
// function pointer task, which has no fix.
// RUN: cp %s %t.cpp
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' --fix -- -std=c++17 -I%ctxloss_include > /dev/null 2>&1
// RUN: %clangxx -std=c++17 -fsyntax-only -I%ctxloss_include %t.cpp
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | FileCheck %s --check-prefix=FIXED --implicit-check-not='{{^[^ ].*(warning|error):}}'

// Pools, schedulers and callback slots a program writes itself, found by
// what their code does (StoredTasks.h): a member function stores its
// callable parameter into a member, and a member function that a spawn
// reaches calls what that member holds. None of these names matches the
// pool-like heuristic.

#include <ctxloss/context.h>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

thread_local std::string user;
void login(const std::string &U) { user = U; }
void audit() { (void)user.size(); }
void audit_c(void *) { (void)user.size(); }

// A home-made pool: a deque of std::function, run by the threads the
// constructor starts.
class Crew {
public:
  Crew() { threads_.emplace_back([this] { loop(); }); }
  void hand(std::function<void()> F) {
    std::lock_guard<std::mutex> Lock(mu_);
    jobs_.push_back(std::move(F));
  }

private:
  void loop() {
    while (true) {
      std::function<void()> Job;
      {
        std::lock_guard<std::mutex> Lock(mu_);
        if (jobs_.empty())
          return;
        Job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      Job();
    }
  }
  std::mutex mu_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
};

void use_crew(Crew &C) {
  C.hand([] { audit(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'Crew::hand' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :49:5: note: 'Crew::hand' stores the task in 'jobs_' here
  // CHECK: :46:12: note: 'Crew::loop' runs it on the thread started here
  // CHECK: :[[@LINE-4]]:15: note: the lambda calls 'audit' here
  // CHECK: :39:22: note: 'audit' reads thread-local 'user' here
}

// The pool's threads run one task after another: what a task leaves set,
// the next inherits.
void crew_leaks(Crew &C) {
  C.hand([] { login("batch"); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is left set by a task started by 'Crew::hand': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :49:5: note: 'Crew::hand' stores the task in 'jobs_' here
  // CHECK: :46:12: note: 'Crew::loop' runs it on the thread started here
  // CHECK: :[[@LINE-4]]:15: note: the lambda calls 'login' here
  // CHECK: :38:36: note: 'login' sets thread-local 'user' here
  // CHECK: :[[@LINE-6]]:31: note: the lambda ends here without restoring it
  // CHECK: :38:36: note: no fix: the context is set in 'login', which the task calls; a scope object there would end with the call
}

// A scheduler: timers in a map, a template parameter stored whole.
class Ticker {
public:
  void start() { std::thread(&Ticker::tick, this).detach(); }
  template <typename F> void at(int When, F Fn) { timers_[When] = std::move(Fn); }

private:
  void tick() {
    for (auto &Entry : timers_)
      Entry.second();
  }
  std::map<int, std::function<void()>> timers_;
};

void use_ticker(Ticker &T) {
  T.at(5, audit);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'Ticker::at' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :97:51: note: 'Ticker::at' stores the task in 'timers_' here
  // CHECK: :96:18: note: 'Ticker::tick' runs it on the thread started here
  // CHECK: :39:22: note: 'audit' reads thread-local 'user' here
}

// A single callback slot, called by the thread 'start' runs. One callback
// per slot: no next task inherits what it leaves (not reported as a leak).
class Download {
public:
  void on_done(std::function<void()> Cb) { done_ = std::move(Cb); }
  void start() {
    std::thread Worker([this] { fetch(); });
    Worker.detach();
  }

private:
  void fetch() { done_(); }
  std::function<void()> done_;
};

void use_download(Download &D) {
  D.on_done([] { audit(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'Download::on_done' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :119:44: note: 'Download::on_done' stores the task in 'done_' here
  // CHECK: :121:17: note: 'Download::fetch' runs it on the thread started here
  // CHECK: :[[@LINE-4]]:18: note: the lambda calls 'audit' here
  // CHECK: :39:22: note: 'audit' reads thread-local 'user' here
  D.on_done([] { login("callback"); });
}

// C style: a function pointer and its argument in a struct, run by a
// thread started outside the class.
class CRunner {
  struct Job {
    void (*Fn)(void *);
    void *Arg;
  };

public:
  void put(void (*Fn)(void *), void *Arg) { jobs_.push_back(Job{Fn, Arg}); }
  void serve() {
    Job J = jobs_.front();
    J.Fn(J.Arg);
  }

private:
  std::vector<Job> jobs_;
};

void serve_forever(CRunner *Q) { Q->serve(); }
void start_c(CRunner &Q) { std::thread(serve_forever, &Q).detach(); }
void use_c(CRunner &Q) { Q.put(audit_c, nullptr); }
// CHECK: :[[@LINE-1]]:26: warning: thread-local 'user' is read in a task started by 'CRunner::put' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :149:45: note: 'CRunner::put' stores the task in 'jobs_' here
// CHECK: :160:28: note: 'CRunner::serve' runs it on the thread started here
// CHECK: :40:30: note: 'audit_c' reads thread-local 'user' here
// CHECK: :[[@LINE-5]]:32: note: no fix-it: the task is passed as a function pointer, which cannot carry a snapshot of 'user'; pass the value through the task's argument and restore it with 'ctxloss::scoped_value' at the top of the task
// FIXED: :{{[0-9]+}}:26: warning: thread-local 'user' is read in a task started by 'CRunner::put'

// gRPC's event engine shape (src/core/lib/event_engine/thread_pool.cc): the
// queue is a class of its own, its 'Step' is run by a free function that
// a thread runs, and the engine forwards to the queue through a shared
// state.
class Lane {
public:
  void Add(std::function<void()> Callback) {
    callbacks_.push_back(std::move(Callback));
  }
  bool Step() {
    if (callbacks_.empty())
      return false;
    auto Callback = std::move(callbacks_.front());
    callbacks_.pop_front();
    Callback();
    return true;
  }

private:
  std::deque<std::function<void()>> callbacks_;
};

struct LaneState {
  Lane Queue;
};

void lane_thread(std::shared_ptr<LaneState> State) {
  while (State->Queue.Step()) {
  }
}

class Engine {
public:
  Engine() : state_(std::make_shared<LaneState>()) {
    std::thread(lane_thread, state_).detach();
  }
  void Run(std::function<void()> Fn) { state_->Queue.Add(std::move(Fn)); }

private:
  std::shared_ptr<LaneState> state_;
};

void use_engine(Engine &E) {
  E.Run([] { audit(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'user' is read in a task started by 'Engine::Run' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :205:54: note: 'Engine::Run' passes the task to 'Lane::Add' here
  // CHECK: :176:5: note: 'Lane::Add' stores the task in 'callbacks_' here
  // CHECK: :203:5: note: 'Lane::Step' runs it on the thread started here
  // CHECK: :[[@LINE-5]]:14: note: the lambda calls 'audit' here
  // CHECK: :39:22: note: 'audit' reads thread-local 'user' here
}

// --- Silent ---

// A queue of data: nothing in it is called.
class Numbers {
public:
  Numbers() { std::thread([this] { drain(); }).detach(); }
  void add(int N) { data_.push_back(N); }
  void drain() { data_.clear(); }

private:
  std::vector<int> data_;
};
void use_numbers(Numbers &N) { N.add(3); }

// Called back by the thread that stored them: no spawn reaches 'flush'.
class Deferred {
public:
  void later(std::function<void()> F) { pending_.push_back(std::move(F)); }
  void flush() {
    for (auto &F : pending_)
      F();
  }

private:
  std::vector<std::function<void()>> pending_;
};
void use_deferred(Deferred &D) {
  D.later([] { audit(); });
  D.flush();
}

// The worker calls another member than the one the task is stored in.
class Split {
public:
  Split() { std::thread([this] { run(); }).detach(); }
  void keep(std::function<void()> F) { kept_.push_back(std::move(F)); }

private:
  void run() {
    for (auto &F : ready_)
      F();
  }
  std::vector<std::function<void()>> kept_, ready_;
};
void use_split(Split &S) { S.keep([] { audit(); }); }

// The result of the callable is stored, not the callable.
class Results {
public:
  Results() { std::thread([this] { run(); }).detach(); }
  void compute(std::function<std::function<void()>()> Make) {
    made_.push_back(Make());
  }

private:
  void run() { made_.back()(); }
  std::vector<std::function<void()>> made_;
};
void use_results(Results &R) {
  R.compute([] {
    audit();
    return std::function<void()>();
  });
}

// A pool whose stored wrapper carries the context over and puts the
// worker's value back: nothing is lost, nothing is left.
class Carrier {
public:
  Carrier() { std::thread([this] { run(); }).detach(); }
  void give(std::function<void()> F) {
    jobs_.push_back([F, Rid = user] {
      ctxloss::scoped_value<std::string> Restore(user, Rid);
      F();
    });
  }

private:
  void run() {
    auto Job = std::move(jobs_.back());
    jobs_.pop_back();
    Job();
  }
  std::vector<std::function<void()>> jobs_;
};
void use_carrier(Carrier &C) { C.give([] { audit(); }); }
