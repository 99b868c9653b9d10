/*===--- ctxloss/annotations.h - Annotations for context-loss checks ------===*
 *
 * Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
 *
 * Marks declarations for the `context-*` clang-tidy checks. Under Clang the
 * macros expand to `annotate` attributes the checks read; under other
 * compilers they expand to nothing, so annotated code builds everywhere.
 * Usable from C and C++.
 *
 *   CTXLOSS_CONTEXT thread_local std::string request_id;
 *   CTXLOSS_READS_CONTEXT std::string current_query_id();
 *   CTXLOSS_SPAWNS(0) void run_on_worker(std::function<void()> task);
 *   CTXLOSS_PROPAGATES_CONTEXT Task with_context(Task task);
 *   class CTXLOSS_PROPAGATES_CONTEXT TracingExecutor;
 *
 *===----------------------------------------------------------------------===*/

#ifndef CTXLOSS_ANNOTATIONS_H
#define CTXLOSS_ANNOTATIONS_H

#if defined(__clang__)
/* The variable carries per-thread context: reading it on another thread
   without carrying it over is a bug. */
#define CTXLOSS_CONTEXT __attribute__((annotate("ctxloss::context")))
/* The function reads per-thread context (for example, a library accessor
   whose body the translation unit cannot see). */
#define CTXLOSS_READS_CONTEXT                                                  \
  __attribute__((annotate("ctxloss::reads_context")))
/* The function runs its argument N (counted from 0, an integer constant) on
   another thread or task. */
#define CTXLOSS_SPAWNS(N) __attribute__((annotate("ctxloss::spawns", N)))
/* The function or class carries context across: a wrapper around a callable
   that snapshots and restores it, or an executor that does so for the tasks
   it runs. */
#define CTXLOSS_PROPAGATES_CONTEXT                                             \
  __attribute__((annotate("ctxloss::propagates_context")))
#else
#define CTXLOSS_CONTEXT
#define CTXLOSS_READS_CONTEXT
#define CTXLOSS_SPAWNS(N)
#define CTXLOSS_PROPAGATES_CONTEXT
#endif

#endif /* CTXLOSS_ANNOTATIONS_H */
