//===--- FrameworkSpawns.h - Spawning APIs of named frameworks --*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The spawning functions of frameworks whose API starts a thread or hands
/// a task to a pool, named like entries of the `SpawnFunctions` option and
/// recognised as those are (a virtual member also through its overriders).
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_FRAMEWORKSPAWNS_H
#define CTXLOSS_ANALYSIS_FRAMEWORKSPAWNS_H

#include "checks/analysis/SpawnRecognizer.h"
#include <vector>

namespace ctxloss {

/// OpenCV `cv::parallel_for_` (the `ParallelLoopBody` and the callable
/// forms); Poco `Thread::start`/`startFunc`, `ThreadPool::start`/
/// `startWithPriority`, `TaskManager::start`, `Timer::start`; gRPC
/// `grpc_core::Thread`'s constructor, `grpc_core::Executor::Run`,
/// `EventEngine::Run`/`RunAfter`; folly `via` and
/// `FunctionScheduler::addFunction`; Boost.Thread
/// `thread_group::create_thread`; RocksDB `Env::Schedule`.
const std::vector<SpawnFunction> &frameworkSpawnFunctions();

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_FRAMEWORKSPAWNS_H
