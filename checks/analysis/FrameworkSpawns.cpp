//===--- FrameworkSpawns.cpp - Spawning APIs of named frameworks ----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/FrameworkSpawns.h"

namespace ctxloss {

const std::vector<SpawnFunction> &frameworkSpawnFunctions() {
  // The index is the argument's, the object of a member call not counted.
  static const std::vector<SpawnFunction> Functions = {
      // OpenCV 4: the body runs on the library's thread pool (or inline when
      // the build has no parallel backend; the pool is the default).
      {"cv::parallel_for_", 1},
      // Poco 1.11 Foundation: a Runnable, a `void (*)(void *)` with its
      // argument, or a functor started on a new thread or a pooled one.
      {"Poco::Thread::start", 0},
      {"Poco::Thread::startFunc", 0},
      {"Poco::ThreadPool::start", 0},
      {"Poco::ThreadPool::startWithPriority", 1},
      {"Poco::TaskManager::start", 0},
      {"Poco::Timer::start", 0},
      // gRPC 1.51: every thread gRPC owns (a function pointer and its
      // argument), the iomgr executor, the EventEngine's closures.
      {"grpc_core::Thread::Thread", 1},
      {"grpc_core::Executor::Run", 0},
      {"grpc_event_engine::experimental::EventEngine::Run", 0},
      {"grpc_event_engine::experimental::EventEngine::RunAfter", 1},
      // folly: `via(executor, f)` and the function scheduler's thread.
      {"folly::via", 1},
      {"folly::FunctionScheduler::addFunction", 0},
      // Boost.Thread: a new thread of a thread group (`join_all` waits).
      {"boost::thread_group::create_thread", 0},
      // RocksDB: a `void (*)(void *)` and its argument, run by the
      // environment's background thread pool (`ThreadPoolImpl`), whose
      // threads run one job after another: a reused worker.
      {"rocksdb::Env::Schedule", 0, true},
  };
  return Functions;
}

} // namespace ctxloss
