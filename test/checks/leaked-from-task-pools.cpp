// RUN: %clang_tidy_plugin %s --checks='-*,context-leaked-from-task' -- -std=c++17 -fopenmp -I%S/Inputs/BS -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-leaked-from-task' -- -std=c++17 -fopenmp -I%S/Inputs/BS -I%ctxloss_include \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Reused workers as the engine knows them (SpawnSite::ReusedWorker): Asio's
// thread_pool, io_context and strands (Debian's Boost headers), oneTBB
// (Debian's headers), an OpenMP team, BS::thread_pool, and a helper that
// hands its callable to a pool. A fresh std::thread, pthread_create or
// std::async(std::launch::async) thread ends with its task: not reported.

#include <BS_thread_pool.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <future>
#include <pthread.h>
#include <string>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>
#include <thread>

thread_local std::string tenant;
void log_line() { (void)tenant.size(); }

void asio_thread_pool(boost::asio::thread_pool &Pool, std::string T) {
  boost::asio::post(Pool, [T] { tenant = T; log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is left set by a task started by 'boost::asio::post': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:33: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:57: note: the lambda ends here without restoring it
  boost::asio::dispatch(Pool, [T] { tenant = T; log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is left set by a task started by 'boost::asio::dispatch': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:37: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:61: note: the lambda ends here without restoring it
}

void asio_io_context(boost::asio::io_context &Io, std::string T) {
  boost::asio::post(Io, [T] { tenant = T; log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is left set by a task started by 'boost::asio::post': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:31: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:55: note: the lambda ends here without restoring it
  auto Strand = boost::asio::make_strand(Io);
  boost::asio::post(Strand, [T] { tenant = T; log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is left set by a task started by 'boost::asio::post': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:35: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:59: note: the lambda ends here without restoring it
  // Not a boundary: dispatch to an io_context may run the handler inline.
  boost::asio::dispatch(Io, [T] { tenant = T; log_line(); });
}

void tbb_forms(std::string T) {
  tbb::parallel_for(0, 10, [T](int) { tenant = T; log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is left set by a task started by 'tbb::parallel_for': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:39: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:63: note: the lambda ends here without restoring it
  tbb::task_group Group;
  Group.run([T] { tenant = T; log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is left set by a task started by 'tbb::task_group::run': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:19: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:43: note: the lambda ends here without restoring it
  Group.wait();
  tbb::task_arena Arena;
  Arena.enqueue([T] { tenant = T; log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is left set by a task started by 'tbb::task_arena::enqueue': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:23: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:47: note: the lambda ends here without restoring it
}

void openmp_team(std::string T) {
#pragma omp parallel
  {
    tenant = T;
    log_line();
  }
  // CHECK: :[[@LINE-5]]:1: warning: thread-local 'tenant' is left set by a task started by '#pragma omp parallel': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-4]]:5: note: the OpenMP region sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:3: note: the OpenMP region ends here without restoring it
}

void bs_thread_pool(BS::thread_pool &Pool, std::string T) {
  Pool.detach_task([T] { tenant = T; log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is left set by a task started by 'BS::thread_pool::detach_task': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-2]]:26: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-3]]:50: note: the lambda ends here without restoring it
}

// Helpers: the task site is the call of the helper.
template <typename F> void run_on_pool(boost::asio::thread_pool &P, F Fn) {
  boost::asio::post(P, Fn);
}
template <typename F> void run_on_thread(F Fn) { std::thread(Fn).detach(); }
void helpers(boost::asio::thread_pool &Pool, std::string T) {
  run_on_pool(Pool, [T] { tenant = T; log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is left set by a task started by 'run_on_pool': the next task on that worker inherits it [context-leaked-from-task]
  // CHECK: :[[@LINE-6]]:3: note: 'run_on_pool' starts the task with 'boost::asio::post' here
  // CHECK: :[[@LINE-3]]:27: note: the lambda sets thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:51: note: the lambda ends here without restoring it
  // Not a bug: the helper starts a fresh thread.
  run_on_thread([T] { tenant = T; log_line(); });
}

// Not a bug: fresh threads.
void *thread_main(void *) {
  tenant = "batch";
  log_line();
  return nullptr;
}
void fresh_threads(std::string T) {
  auto Done = std::async(std::launch::async, [T] { tenant = T; log_line(); });
  pthread_t Thread;
  pthread_create(&Thread, nullptr, thread_main, nullptr);
  std::thread([T] { tenant = T; log_line(); }).join();
}
