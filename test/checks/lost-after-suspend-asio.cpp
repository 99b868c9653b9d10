// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-after-suspend' -- -std=c++20 -DBOOST_ASIO_HAS_CO_AWAIT -DBOOST_ASIO_HAS_STD_COROUTINE \
// RUN:   | FileCheck %s --check-prefix=CHECK --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-after-suspend' -- -std=c++20 -DBOOST_ASIO_HAS_CO_AWAIT -DBOOST_ASIO_HAS_STD_COROUTINE \
// RUN:   | FileCheck %s --check-prefix=CHECK --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-after-suspend' \
// RUN:   --config="{CheckOptions: {context-lost-after-suspend.Awaitables: 'boost::asio::awaitable'}}" \
// RUN:   -- -std=c++20 -DBOOST_ASIO_HAS_CO_AWAIT -DBOOST_ASIO_HAS_STD_COROUTINE \
// RUN:   | FileCheck %s --check-prefix=MULTI --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Boost.Asio coroutines, against Debian's real headers. Asio resumes an
// awaiting coroutine on the coroutine's own executor: the completion of
// `co_await post(pool, use_awaitable)` is dispatched back to it. So a
// coroutine started by co_spawn on a thread_pool (or typed with the pool's
// executor), and the coroutines it awaits, may resume on any thread of the
// pool after each co_await; one on an io_context resumes on the thread
// running the context, and is reported only when the Awaitables option
// names asio's awaitable (an io_context run by several threads).

#include <coroutine>
#include <utility> // Boost 1.74's awaitable.hpp uses std::exchange.
#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <string>

using boost::asio::awaitable;
using boost::asio::use_awaitable;

thread_local std::string request_id;
void begin_request(const std::string &Id) { request_id = Id; }
void log_line() { (void)request_id.size(); }

awaitable<void> pool_session(boost::asio::thread_pool &Pool) {
  co_await boost::asio::post(Pool, use_awaitable);
  log_line();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'pool_session' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': asio resumes it on its executor, a thread pool
  // CHECK: :[[@LINE+55]]:3: note: 'pool_session' is started on a thread pool here
  // CHECK: :[[@LINE-8]]:25: note: 'log_line' reads thread-local 'request_id' here
  // MULTI: :[[@LINE-5]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'pool_session' on another thread [context-lost-after-suspend]
  // MULTI: :[[@LINE-7]]:3: note: the coroutine may resume on another thread after this 'co_await': 'boost::asio::awaitable' matches the 'Awaitables' option
  // MULTI: :[[@LINE-11]]:25: note: 'log_line' reads thread-local 'request_id' here
}

// Awaited by a coroutine on the pool: it runs there too.
awaitable<void> pool_step(boost::asio::steady_timer &Timer) {
  co_await Timer.async_wait(use_awaitable);
  log_line();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'pool_step' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': asio resumes it on its executor, a thread pool
  // CHECK: :[[@LINE+7]]:3: note: 'pool_step' is awaited by a coroutine that runs on a thread pool here
  // CHECK: :[[@LINE-21]]:25: note: 'log_line' reads thread-local 'request_id' here
  // MULTI: :[[@LINE-5]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'pool_step' on another thread [context-lost-after-suspend]
  // MULTI: :[[@LINE-7]]:3: note: the coroutine may resume on another thread after this 'co_await': 'boost::asio::awaitable' matches the 'Awaitables' option
  // MULTI: :[[@LINE-24]]:25: note: 'log_line' reads thread-local 'request_id' here
}
awaitable<void> pool_parent(boost::asio::steady_timer &Timer) {
  co_await pool_step(Timer);
}

// Typed with the pool's executor.
awaitable<void, boost::asio::thread_pool::executor_type>
typed_pool_session(boost::asio::thread_pool &Pool) {
  co_await boost::asio::post(Pool, boost::asio::use_awaitable_t<boost::asio::thread_pool::executor_type>());
  log_line();
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'typed_pool_session' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': asio resumes it on its executor, a thread pool
  // CHECK: :[[@LINE-37]]:25: note: 'log_line' reads thread-local 'request_id' here
  // MULTI: :[[@LINE-4]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'typed_pool_session' on another thread [context-lost-after-suspend]
  // MULTI: :[[@LINE-6]]:3: note: the coroutine may resume on another thread after this 'co_await': 'boost::asio::awaitable' matches the 'Awaitables' option
  // MULTI: :[[@LINE-40]]:25: note: 'log_line' reads thread-local 'request_id' here
}

// On an io_context run by one thread: the same thread resumes it.
awaitable<void> io_session(boost::asio::io_context &Io) {
  co_await boost::asio::post(Io, use_awaitable);
  log_line();
  // MULTI: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume coroutine 'io_session' on another thread [context-lost-after-suspend]
  // MULTI: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': 'boost::asio::awaitable' matches the 'Awaitables' option
  // MULTI: :[[@LINE-49]]:25: note: 'log_line' reads thread-local 'request_id' here
}

// Not a bug: the value kept in the frame.
awaitable<void> pool_snapshot(boost::asio::thread_pool &Pool) {
  std::string Id = request_id;
  co_await boost::asio::post(Pool, use_awaitable);
  (void)Id.size();
}

void start(boost::asio::io_context &Io, boost::asio::thread_pool &Pool,
           boost::asio::steady_timer &Timer) {
  begin_request("r1");
  boost::asio::co_spawn(Pool, pool_session(Pool), boost::asio::detached);
  boost::asio::co_spawn(Pool.get_executor(), pool_parent(Timer),
                        boost::asio::detached);
  boost::asio::co_spawn(Pool, pool_snapshot(Pool), boost::asio::detached);
  boost::asio::co_spawn(Io, io_session(Io), boost::asio::detached);
  boost::asio::co_spawn(
      Pool,
      []() -> awaitable<void> {
        co_await boost::asio::post(use_awaitable);
        log_line();
        // CHECK: :[[@LINE-1]]:9: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume the lambda coroutine on another thread [context-lost-after-suspend]
        // CHECK: :[[@LINE-3]]:9: note: the coroutine may resume on another thread after this 'co_await': asio resumes it on its executor, a thread pool
        // CHECK: :[[@LINE-7]]:3: note: the lambda is started on a thread pool here
        // CHECK: :[[@LINE-75]]:25: note: 'log_line' reads thread-local 'request_id' here
        // MULTI: :[[@LINE-5]]:9: warning: thread-local 'request_id' is read in a call to 'log_line' after a suspension point that may resume the lambda coroutine on another thread [context-lost-after-suspend]
        // MULTI: :[[@LINE-7]]:9: note: the coroutine may resume on another thread after this 'co_await': 'boost::asio::awaitable' matches the 'Awaitables' option
        // MULTI: :[[@LINE-78]]:25: note: 'log_line' reads thread-local 'request_id' here
      },
      boost::asio::detached);
}
