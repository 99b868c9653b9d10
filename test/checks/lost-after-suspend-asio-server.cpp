// RUN: %clang_tidy_plugin %s --checks='-*,context-*' -- -std=c++20 -DBOOST_ASIO_HAS_CO_AWAIT -DBOOST_ASIO_HAS_STD_COROUTINE \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-*' -- -std=c++20 -DBOOST_ASIO_HAS_CO_AWAIT -DBOOST_ASIO_HAS_STD_COROUTINE \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// A realistic Boost.Asio C++20 coroutine server, with every context check
// enabled: an acceptor coroutine on an io_context run by one thread spawns a
// session coroutine per connection. Sessions do their blocking work
// (hashing, a database call) on a thread_pool by co_spawn-ing a job onto it
// and awaiting the job; the per-connection id lives in a thread-local that
// the logger reads.

#include <coroutine>
#include <utility> // Boost 1.74's awaitable.hpp uses std::exchange.
#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdio>
#include <string>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

namespace server {

thread_local std::string connection_id;

void log(const char *What) {
  std::fprintf(stderr, "[%s] %s\n", connection_id.c_str(), What);
}

struct worker {
  asio::thread_pool Pool{4};
};

// Runs on the pool: co_spawned there by handle_request.
awaitable<std::size_t> hash_payload(std::string Payload) {
  log("hashing");
  asio::steady_timer Throttle(co_await asio::this_coro::executor);
  Throttle.expires_after(std::chrono::milliseconds(1));
  co_await Throttle.async_wait(use_awaitable);
  log("hashed");
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'server::connection_id' is read in a call to 'server::log' after a suspension point that may resume coroutine 'server::hash_payload' on another thread [context-lost-after-suspend]
  // CHECK: :[[@LINE-3]]:3: note: the coroutine may resume on another thread after this 'co_await': asio resumes it on its executor, a thread pool
  // CHECK: :[[@LINE+7]]:31: note: 'server::hash_payload' is started on a thread pool here
  // CHECK: :[[@LINE-17]]:37: note: 'server::log' reads thread-local 'server::connection_id' here
  co_return std::hash<std::string>{}(Payload);
}

awaitable<void> handle_request(tcp::socket &Socket, worker &Workers,
                               std::string Line) {
  std::size_t Hash = co_await asio::co_spawn(
  // CHECK: :[[@LINE-1]]:31: warning: thread-local 'server::connection_id' is read in a task started by 'boost::asio::co_spawn' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-16]]:3: note: 'server::hash_payload' calls 'server::log' here
  // CHECK: :[[@LINE-26]]:37: note: 'server::log' reads thread-local 'server::connection_id' here
      Workers.Pool, hash_payload(std::move(Line)), use_awaitable);
  log("replying");
  std::string Reply = std::to_string(Hash) + "\n";
  co_await asio::async_write(Socket, asio::buffer(Reply), use_awaitable);
}

awaitable<void> session(tcp::socket Socket, worker &Workers, int Id) {
  connection_id = "conn-" + std::to_string(Id);
  std::string Buffer;
  for (;;) {
    std::size_t N = co_await asio::async_read_until(
        Socket, asio::dynamic_buffer(Buffer), '\n', use_awaitable);
    log("request");
    co_await handle_request(Socket, Workers, Buffer.substr(0, N));
    Buffer.erase(0, N);
  }
}

awaitable<void> listener(tcp::acceptor Acceptor, worker &Workers) {
  for (int Id = 0;; ++Id) {
    tcp::socket Socket = co_await Acceptor.async_accept(use_awaitable);
    asio::co_spawn(Acceptor.get_executor(),
                   session(std::move(Socket), Workers, Id), asio::detached);
    // The session leaves the connection id set on the io_context's thread
    // when a read or the request ends it by an exception (the client went
    // away): 'handle_request' may throw, as its body shows.
    // CHECK: :[[@LINE-5]]:5: warning: thread-local 'server::connection_id' is left set by a task started by 'boost::asio::co_spawn': the next task on that worker inherits it [context-leaked-from-task]
    // CHECK: :66:3: note: 'server::session' sets thread-local 'server::connection_id' here
    // CHECK: :72:14: note: 'server::session' leaves here without restoring it when this call throws
    // CHECK: :66:3: note: no fix: the write is not a statement of the task's own body, where a scope object would last until the task ends
  }
}

} // namespace server

int main() {
  asio::io_context Io(1);
  server::worker Workers;
  asio::co_spawn(Io,
                 server::listener(tcp::acceptor(Io, {tcp::v4(), 5555}),
                                  Workers),
                 asio::detached);
  Io.run();
}
