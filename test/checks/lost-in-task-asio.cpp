// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++20 -DBOOST_ASIO_HAS_CO_AWAIT -DBOOST_ASIO_HAS_STD_COROUTINE \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++20 -DBOOST_ASIO_HAS_CO_AWAIT -DBOOST_ASIO_HAS_STD_COROUTINE \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Boost.Asio, against Debian's real headers (libboost-dev). post, defer and
// co_spawn always run the handler later, from the executor's run loop;
// dispatch runs it inline when the caller already runs in the executor, so
// it counts only towards a thread_pool.

#include <coroutine>
#include <utility>
#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <string>

thread_local std::string request_id;
void begin_request(const std::string &Id) { request_id = Id; }
void log_line() { (void)request_id.size(); }

boost::asio::awaitable<void> session() {
  log_line();
  co_return;
}

void handlers(boost::asio::io_context &Io, boost::asio::thread_pool &Pool) {
  boost::asio::post(Pool, [] { log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'boost::asio::post' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:32: note: the lambda calls 'log_line' here
  // CHECK: :20:25: note: 'log_line' reads thread-local 'request_id' here
  boost::asio::post(Io.get_executor(), log_line);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'boost::asio::post'
  // CHECK: :20:25: note: 'log_line' reads thread-local 'request_id' here
  boost::asio::defer(Io, log_line);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'boost::asio::defer'
  // CHECK: :20:25: note: 'log_line' reads thread-local 'request_id' here
  boost::asio::dispatch(Pool, log_line);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'boost::asio::dispatch'
  // CHECK: :20:25: note: 'log_line' reads thread-local 'request_id' here
  boost::asio::co_spawn(Io, session(), boost::asio::detached);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'boost::asio::co_spawn'
  // CHECK: :23:3: note: 'session' calls 'log_line' here
  // CHECK: :20:25: note: 'log_line' reads thread-local 'request_id' here

  // Inline when called from Io's own thread: not a boundary.
  boost::asio::dispatch(Io, log_line);
  // Captured and restored.
  boost::asio::post(Pool, [Rid = request_id] {
    request_id = Rid;
    log_line();
  });
}

// A propagating wrapper around post is silent; a plain one is reported
// where it is called.
template <typename F>
void post_with_context(boost::asio::thread_pool &Pool, F Handler) {
  boost::asio::post(Pool, [Handler, Rid = request_id] {
    request_id = Rid;
    Handler();
  });
}
template <typename F> void post_plain(boost::asio::thread_pool &Pool, F Handler) {
  boost::asio::post(Pool, Handler);
}

void wrappers(boost::asio::thread_pool &Pool) {
  post_with_context(Pool, [] { log_line(); });
  post_plain(Pool, [] { log_line(); });
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'post_plain'
  // CHECK: :[[@LINE-7]]:3: note: 'post_plain' starts the task with 'boost::asio::post' here
  // CHECK: :[[@LINE-3]]:25: note: the lambda calls 'log_line' here
  // CHECK: :20:25: note: 'log_line' reads thread-local 'request_id' here
}
