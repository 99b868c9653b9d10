// RUN: %clang_tidy_plugin %s --checks='-*,context-write-lost-in-task' -- -std=c++17 -fopenmp -I%S/Inputs/BS \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-write-lost-in-task' -- -std=c++17 -fopenmp -I%S/Inputs/BS \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Tasks on pools and groups that the spawner waits for: Boost.Asio's
// thread_pool (Debian's real headers), TBB (real headers), BS::thread_pool
// (declared API surface), a pool of the project's own, helpers that spawn
// their parameter and wait for it; and OpenMP, whose team includes the
// encountering thread.

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <BS_thread_pool.hpp>
#include <functional>
#include <future>
#include <string>
#include <tbb/parallel_invoke.h>
#include <tbb/task_group.h>

thread_local std::string tenant;
void use(const std::string &);
void set_tenant(const std::string &T) { tenant = T; }
void audit() { use(tenant); }

// A pool of the project's own, found by the pool heuristic.
class WorkerPool {
public:
  void submit(std::function<void()> Task);
  void wait_all();
};

// Positive: boost::asio::post to a thread_pool, then join().
void asio_pool() {
  boost::asio::thread_pool Pool(2);
  boost::asio::post(Pool, [] { set_tenant("acme"); });
  Pool.join();
  audit();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :36:3: note: 'asio_pool' starts the task with 'boost::asio::post' here
  // CHECK: :36:32: note: the lambda calls 'set_tenant' here
  // CHECK: :23:41: note: 'set_tenant' writes thread-local 'tenant' here
  // CHECK: :37:8: note: 'asio_pool' waits for the task with 'join' here
  // CHECK: :[[@LINE-6]]:3: note: 'asio_pool' calls 'audit' here
  // CHECK: :24:20: note: 'audit' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-8]]:3: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: post through the pool's executor, then wait().
void asio_executor() {
  boost::asio::thread_pool Pool(2);
  boost::asio::post(Pool.get_executor(), [] { tenant = "acme"; });
  Pool.wait();
  use(tenant);
  // CHECK: :[[@LINE-1]]:7: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :52:3: note: 'asio_executor' starts the task with 'boost::asio::post' here
  // CHECK: :52:47: note: the lambda writes thread-local 'tenant' here
  // CHECK: :53:8: note: 'asio_executor' waits for the task with 'wait' here
  // CHECK: :[[@LINE-5]]:7: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: tbb::task_group::run, then wait().
void tbb_group() {
  tbb::task_group Group;
  Group.run([] { tenant = "acme"; });
  Group.wait();
  use(tenant);
  // CHECK: :[[@LINE-1]]:7: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :65:3: note: 'tbb_group' starts the task with 'tbb::task_group::run' here
  // CHECK: :65:18: note: the lambda writes thread-local 'tenant' here
  // CHECK: :66:9: note: 'tbb_group' waits for the task with 'wait' here
  // CHECK: :[[@LINE-5]]:7: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: a TBB algorithm returns once its tasks have ended. The calling
// thread may run one of them itself, but nothing says which.
void tbb_invoke() {
  tbb::parallel_invoke([] { set_tenant("a"); }, [] { use("b"); });
  audit();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :78:3: note: 'tbb_invoke' starts the task with 'tbb::parallel_invoke' here
  // CHECK: :78:29: note: the lambda calls 'set_tenant' here
  // CHECK: :23:41: note: 'set_tenant' writes thread-local 'tenant' here
  // CHECK: :78:8: note: 'tbb_invoke' waits for the task with 'tbb::parallel_invoke' here
  // CHECK: :[[@LINE-6]]:3: note: 'tbb_invoke' calls 'audit' here
  // CHECK: :24:20: note: 'audit' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-8]]:3: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: run_and_wait.
void tbb_run_and_wait() {
  tbb::task_group Group;
  Group.run_and_wait([] { tenant = "acme"; });
  use(tenant);
  // CHECK: :[[@LINE-1]]:7: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :93:3: note: 'tbb_run_and_wait' starts the task with 'tbb::task_group::run_and_wait' here
  // CHECK: :93:27: note: the lambda writes thread-local 'tenant' here
  // CHECK: :93:9: note: 'tbb_run_and_wait' waits for the task with 'tbb::task_group::run_and_wait' here
  // CHECK: :[[@LINE-5]]:7: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: a BS::thread_pool, waited for as a whole.
void bs_pool(BS::thread_pool &Pool) {
  Pool.detach_task([] { tenant = "acme"; });
  Pool.wait();
  use(tenant);
  // CHECK: :[[@LINE-1]]:7: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :104:3: note: 'bs_pool' starts the task with 'BS::thread_pool::detach_task' here
  // CHECK: :104:25: note: the lambda writes thread-local 'tenant' here
  // CHECK: :105:8: note: 'bs_pool' waits for the task with 'wait' here
  // CHECK: :[[@LINE-5]]:7: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: the future a BS::thread_pool returns.
void bs_future(BS::thread_pool &Pool) {
  std::future<void> Done = Pool.submit_task([] { set_tenant("acme"); });
  Done.get();
  audit();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :116:28: note: 'bs_future' starts the task with 'BS::thread_pool::submit_task' here
  // CHECK: :116:50: note: the lambda calls 'set_tenant' here
  // CHECK: :23:41: note: 'set_tenant' writes thread-local 'tenant' here
  // CHECK: :117:8: note: 'bs_future' waits for the task with 'get' here
  // CHECK: :[[@LINE-6]]:3: note: 'bs_future' calls 'audit' here
  // CHECK: :24:20: note: 'audit' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-8]]:3: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: the project's own pool.
void own_pool(WorkerPool &Pool) {
  Pool.submit([] { tenant = "acme"; });
  Pool.wait_all();
  use(tenant);
  // CHECK: :[[@LINE-1]]:7: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :131:3: note: 'own_pool' starts the task with 'WorkerPool::submit' here
  // CHECK: :131:20: note: the lambda writes thread-local 'tenant' here
  // CHECK: :132:8: note: 'own_pool' waits for the task with 'wait_all' here
  // CHECK: :[[@LINE-5]]:7: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// A helper that runs its parameter on another thread and waits for it, as
// `run_in_threadpool` does; and one that passes it on.
template <typename F> void run_sync(F Fn) {
  auto Done = std::async(std::launch::async, Fn);
  Done.get();
}
template <typename F> void run_blocking(F Fn) { run_sync(Fn); }

// Positive: through the helper.
void helper_waits() {
  run_sync([] { tenant = "acme"; });
  use(tenant);
  // CHECK: :[[@LINE-1]]:7: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :151:3: note: 'helper_waits' starts the task with 'run_sync' here
  // CHECK: :144:15: note: 'run_sync' starts the task with 'std::async' here
  // CHECK: :151:17: note: the lambda writes thread-local 'tenant' here
  // CHECK: :145:8: note: 'run_sync' waits for the task with 'get' here
  // CHECK: :[[@LINE-6]]:7: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// Positive: through two helpers.
void helper_chain() {
  run_blocking([] { set_tenant("acme"); });
  audit();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :163:3: note: 'helper_chain' starts the task with 'run_blocking' here
  // CHECK: :147:49: note: 'run_blocking' passes the task to 'run_sync' here
  // CHECK: :144:15: note: 'run_sync' starts the task with 'std::async' here
  // CHECK: :163:21: note: the lambda calls 'set_tenant' here
  // CHECK: :23:41: note: 'set_tenant' writes thread-local 'tenant' here
  // CHECK: :145:8: note: 'run_sync' waits for the task with 'get' here
  // CHECK: :[[@LINE-8]]:3: note: 'helper_chain' calls 'audit' here
  // CHECK: :24:20: note: 'audit' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-10]]:3: note: return the value from the task and set it on this thread, or pass it back explicitly
}

// A helper that does not wait.
template <typename F> void run_later(F Fn) { std::thread(Fn).detach(); }

// Negative: the helper does not wait for the task.
void helper_does_not_wait() {
  run_later([] { tenant = "acme"; });
  use(tenant);
}

// Negative: the task returns the value, the caller sets it.
void tbb_returned() {
  std::string Result;
  tbb::task_group Group;
  Group.run([&Result] { Result = "acme"; });
  Group.wait();
  tenant = Result;
  use(tenant);
}

// Negative: the caller waits for another pool than the one the task runs on.
void other_pool() {
  boost::asio::thread_pool Pool(2);
  boost::asio::thread_pool Other(1);
  boost::asio::post(Pool, [] { tenant = "acme"; });
  Other.join();
  use(tenant);
  Pool.join();
}

// Negative: the read comes before the wait.
void read_before_wait(WorkerPool &Pool) {
  Pool.submit([] { tenant = "acme"; });
  use(tenant);
  Pool.wait_all();
}

// Negative: the encountering thread is the master of the team and runs the
// region itself: its own write is there after the implicit barrier.
void openmp_parallel() {
#pragma omp parallel
  { tenant = "acme"; }
  use(tenant);
}

// Negative: the task's write is inside a scope of its own that restores
// the previous value.
void restored_in_group() {
  tbb::task_group Group;
  Group.run([] {
    std::string Saved = tenant;
    tenant = "acme";
    audit();
    tenant = Saved;
  });
  Group.wait();
  audit();
}
