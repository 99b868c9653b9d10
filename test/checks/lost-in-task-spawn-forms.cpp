// RUN: sed -e 's,// [A-Z-]*:.*,,' %s > %t.cpp
// RUN: %clang_tidy_plugin %t.cpp --checks='-*,context-lost-in-task' -- -std=c++23 -isystem %inputs/declared \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++23 -isystem %inputs/declared \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// A thread class of the program, named by its constructor in SpawnFunctions.
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.SpawnFunctions: 'app::Thread::Thread:1'}}" \
// RUN:   -- -std=c++23 -isystem %inputs/declared \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=CHECK,CTOR --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Spawns as application code writes them, against the real libstdc++
// headers: threads constructed in place, and tasks carried by
// std::packaged_task, std::bind and type-erasing holders.

#include <absl/functional/any_invocable.h>
#include <deque>
#include <folly/Function.h>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

thread_local int tenant = 0;

void enter(int T) { tenant = T; }
int current_tenant() { return tenant; }
void work_for(int Id) { (void)Id, (void)current_tenant(); }

// Threads constructed in place by a container or an optional: the element
// constructor's callable argument is the task.
void emplaced(std::vector<std::thread> &Workers, std::deque<std::thread> &D,
              std::list<std::jthread> &L,
              std::map<int, std::thread> &ByShard) {
  Workers.emplace_back([] { current_tenant(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:29: note: the lambda calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  Workers.emplace_back(work_for, 7);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :34:41: note: 'work_for' calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  D.emplace(D.begin(), [] { current_tenant(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:29: note: the lambda calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  L.emplace_front([](std::stop_token) { current_tenant(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'std::jthread'
  // CHECK: :[[@LINE-2]]:41: note: the lambda calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  ByShard.try_emplace(3, work_for, 3);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :34:41: note: 'work_for' calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  // A temporary thread pushed or inserted is a construction already.
  Workers.push_back(std::thread([] { current_tenant(); }));
  // CHECK: :[[@LINE-1]]:21: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:38: note: the lambda calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  D.insert(D.end(), std::thread(work_for, 8));
  // CHECK: :[[@LINE-1]]:21: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :34:41: note: 'work_for' calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
}

void owned() {
  auto A = std::make_unique<std::thread>([] { current_tenant(); });
  // CHECK: :[[@LINE-1]]:12: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:47: note: the lambda calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  auto B = std::make_shared<std::jthread>(work_for, 9);
  // CHECK: :[[@LINE-1]]:12: warning: thread-local 'tenant' is read in a task started by 'std::jthread'
  // CHECK: :34:41: note: 'work_for' calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  auto C = std::allocate_shared<std::thread>(std::allocator<std::thread>(),
                                             current_tenant);
  // CHECK: :[[@LINE-2]]:12: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  std::unique_ptr<std::thread> D(new std::thread(work_for, 10));
  // CHECK: :[[@LINE-1]]:38: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :34:41: note: 'work_for' calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  std::optional<std::thread> E;
  E.emplace([] { current_tenant(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-2]]:18: note: the lambda calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  std::thread F;
  F = std::thread(work_for, 11);
  // CHECK: :[[@LINE-1]]:7: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :34:41: note: 'work_for' calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
}

// Not new threads: moving a thread in, containers of other things.
void not_emplaced_threads(std::vector<std::thread> &Workers,
                          std::vector<std::function<void()>> &Callbacks,
                          std::optional<std::thread> &Slot, std::thread T) {
  Workers.emplace_back(std::move(T));
  Slot.emplace(std::move(Workers.back()));
  Workers.emplace_back();
  Callbacks.emplace_back([] { current_tenant(); });
  auto P = std::make_unique<std::function<int()>>(current_tenant);
}

// std::packaged_task: the callable it was made from is the task, wherever
// the packaged_task is moved to.
struct TaskQueue {
  void push(std::packaged_task<void()> Task);
};

void packaged(TaskQueue &Queue) {
  std::packaged_task<int()> Task([] { return current_tenant(); });
  std::future<int> Result = Task.get_future();
  std::thread T(std::move(Task));
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-4]]:29: note: the task is kept in 'Task' here until it is started
  // CHECK: :[[@LINE-5]]:46: note: the lambda calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  std::packaged_task<void()> Job(std::bind(work_for, 12));
  Queue.push(std::move(Job));
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'TaskQueue::push'
  // CHECK: :[[@LINE-3]]:30: note: the task is kept in 'Job' here until it is started
  // CHECK: :34:41: note: 'work_for' calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-5]]:14: note: no fix-it: the task is passed as 'std::packaged_task', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
  T.join();
}

// Type-erasing holders and binders kept in a local for a later spawn.
void held() {
  std::function<int()> F = [] { return current_tenant(); };
  std::thread A(F);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-3]]:24: note: the task is kept in 'F' here until it is started
  // CHECK: :[[@LINE-4]]:40: note: the lambda calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  std::move_only_function<void()> G = std::bind_front(work_for, 13);
  std::thread B(std::move(G));
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-3]]:35: note: the task is kept in 'G' here until it is started
  // CHECK: :34:41: note: 'work_for' calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  auto Bound = std::bind(work_for, 14);
  auto C = std::async(std::launch::async, Bound);
  // CHECK: :[[@LINE-1]]:12: warning: thread-local 'tenant' is read in a task started by 'std::async'
  // CHECK: :[[@LINE-3]]:8: note: the task is kept in 'Bound' here until it is started
  // CHECK: :34:41: note: 'work_for' calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  absl::AnyInvocable<void()> H = [] { current_tenant(); };
  std::thread D(std::move(H));
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-3]]:30: note: the task is kept in 'H' here until it is started
  // CHECK: :[[@LINE-4]]:39: note: the lambda calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  folly::Function<void()> I = [] { current_tenant(); };
  std::thread E(std::move(I));
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'tenant' is read in a task started by 'std::thread'
  // CHECK: :[[@LINE-3]]:27: note: the task is kept in 'I' here until it is started
  // CHECK: :[[@LINE-4]]:36: note: the lambda calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  A.join(), B.join(), D.join(), E.join();
}

// A helper that wraps its parameter in a packaged_task before spawning it
// is a spawning helper, reported where it is called.
template <typename F> std::future<void> run_detached(F Fn) {
  std::packaged_task<void()> Task(std::move(Fn));
  std::future<void> Done = Task.get_future();
  std::thread(std::move(Task)).detach();
  return Done;
}

void through_helper() {
  run_detached([] { current_tenant(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'run_detached'
  // CHECK: :[[@LINE-7]]:3: note: 'run_detached' starts the task with 'std::thread' here
  // CHECK: :[[@LINE-3]]:21: note: the lambda calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
}

// Silent: the holder is invoked on this thread, or deferred to the thread
// that waits.
void not_spawned() {
  std::packaged_task<int()> Task([] { return current_tenant(); });
  Task();
  std::function<int()> F = current_tenant;
  (void)F();
  std::packaged_task<int()> Later(current_tenant);
  auto Deferred = std::async(std::launch::deferred, std::move(Later));
  Deferred.get();
}

// A queue of data nodes is not a pool, whatever its name: no argument can
// be a callable. A real pool next to it is.
struct Node {
  Node *Next = nullptr;
  int Shard = 0;
};

class MultiProducerSingleConsumerQueue {
public:
  bool Push(Node *N);
  void push(const Node &N, int Priority);
};

class WorkerPool {
public:
  void Push(std::function<void()> Task);
  void submit(void (*Fn)(int), int Arg);
};

void queues(MultiProducerSingleConsumerQueue &Q, WorkerPool &Pool, Node &N) {
  Q.Push(&N);
  Q.push(N, 1);
  Pool.Push([] { current_tenant(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'WorkerPool::Push'
  // CHECK: :[[@LINE-2]]:18: note: the lambda calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  Pool.submit(work_for, 15);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'WorkerPool::submit'
  // CHECK: :34:41: note: 'work_for' calls 'current_tenant' here
  // CHECK: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:15: note: no fix-it: the task is passed as a function pointer, which cannot carry a snapshot of 'tenant'; pass the value through the task's argument and restore it with 'ctxloss::scoped_value' at the top of the task
}

// A thread class of the program, configured by its constructor: the
// callable is its argument 1.
namespace app {
class Thread {
public:
  Thread() = default;
  Thread(const char *Name, void (*Body)(void *), void *Arg,
         bool *Success = nullptr);
  void Start();
};
} // namespace app

void tenant_body(void *) { (void)current_tenant(); }

void configured_constructor() {
  app::Thread T("worker", tenant_body, nullptr);
  // CTOR: :[[@LINE-1]]:15: warning: thread-local 'tenant' is read in a task started by 'app::Thread::Thread'
  // CTOR: :[[@LINE-5]]:34: note: 'tenant_body' calls 'current_tenant' here
  // CTOR: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CTOR: :[[@LINE-4]]:27: note: no fix-it: the task is passed as a function pointer, which cannot carry a snapshot of 'tenant'; pass the value through the task's argument and restore it with 'ctxloss::scoped_value' at the top of the task
  T.Start();
  auto P = std::make_unique<app::Thread>("other", tenant_body, nullptr);
  // CTOR: :[[@LINE-1]]:12: warning: thread-local 'tenant' is read in a task started by 'app::Thread::Thread'
  // CTOR: :[[@LINE-11]]:34: note: 'tenant_body' calls 'current_tenant' here
  // CTOR: :33:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CTOR: :[[@LINE-4]]:51: note: no fix-it: the task is passed as a function pointer, which cannot carry a snapshot of 'tenant'; pass the value through the task's argument and restore it with 'ctxloss::scoped_value' at the top of the task
}
