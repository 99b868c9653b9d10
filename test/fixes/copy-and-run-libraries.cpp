// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   -- -std=c++20 -I%ctxloss_include > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++20 -fsyntax-only -Werror -Wall -Wshadow-all \
// RUN:   -I%ctxloss_include %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++20 -I%ctxloss_include | count 0
// explicit-parameter on the same tasks: lambdas take the value as a capture;
// a named function handed to a pool is not offered one (the pool does not
// pass more arguments), so its warning keeps no fix.
// RUN: cp %s %t/explicit.cpp
// RUN: %ctxloss_tidy %t/explicit.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   --config="{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter}}" \
// RUN:   -- -std=c++20 -I%ctxloss_include > %t/out.txt
// RUN: FileCheck %s --check-prefix=EXPLICIT --match-full-lines < %t/explicit.cpp
// RUN: %clangxx -std=c++20 -fsyntax-only -Werror -Wall -Wshadow-all \
// RUN:   -I%ctxloss_include %t/explicit.cpp
// RUN: %ctxloss_tidy %t/explicit.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++20 -I%ctxloss_include | FileCheck %s --check-prefix=LEFT \
// RUN:   --implicit-check-not='{{^[^ |]*:[0-9]+:[0-9]+: warning:}}'
// LEFT: warning: thread-local 'request_id' is read in a task started by 'WorkerPool::submit'

// copy-and-run against real library headers (Debian's libboost-dev and
// libtbb-dev), std::jthread, and a pool found by the pool heuristic that
// takes std::function: the wrapper of a non-lambda callable converts to it.

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <string>
#include <tbb/task_group.h>
#include <thread>

thread_local std::string request_id;

void enter(const std::string &Id) { request_id = Id; }
void log_event() { (void)request_id.size(); }
void audit() { (void)request_id.empty(); }

void asio(boost::asio::thread_pool &Pool) {
  boost::asio::post(Pool, [] { log_event(); });
  // FIXED: boost::asio::post(Pool, [ctx_request_id = request_id] { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); log_event(); });
  // EXPLICIT: boost::asio::post(Pool, [ctx_request_id = request_id] { log_event(ctx_request_id); });
}

void tbb_group() {
  tbb::task_group Group;
  Group.run([] { log_event(); });
  // FIXED: Group.run([ctx_request_id = request_id] { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); log_event(); });
  // EXPLICIT: Group.run([ctx_request_id = request_id] { log_event(ctx_request_id); });
  Group.wait();
}

void jthread() {
  std::jthread T([](std::stop_token Stop) {
    if (!Stop.stop_requested())
      log_event();
  });
  // FIXED: std::jthread T([ctx_request_id = request_id](std::stop_token Stop) {
  // FIXED-NEXT: ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
  // FIXED-NEXT: if (!Stop.stop_requested())
  // EXPLICIT: std::jthread T([ctx_request_id = request_id](std::stop_token Stop) {
  // EXPLICIT-NEXT: if (!Stop.stop_requested())
  // EXPLICIT-NEXT: log_event(ctx_request_id);
}

struct WorkerPool {
  void submit(std::function<void()> Task) { std::thread(std::move(Task)).detach(); }
};

void pool(WorkerPool &Pool) {
  Pool.submit(audit);
  // FIXED: Pool.submit([ctx_request_id = request_id, task = audit](auto &&...args) -> decltype(auto) {
  // FIXED-NEXT:   ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
  // FIXED-NEXT:   return std::invoke(task, std::forward<decltype(args)>(args)...);
  // FIXED-NEXT: });
  // EXPLICIT: Pool.submit(audit);
}
