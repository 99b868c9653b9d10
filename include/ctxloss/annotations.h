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
 *
 *===----------------------------------------------------------------------===*/

#ifndef CTXLOSS_ANNOTATIONS_H
#define CTXLOSS_ANNOTATIONS_H

#if defined(__clang__)
/* The variable carries per-thread context: reading it on another thread
   without carrying it over is a bug. */
#define CTXLOSS_CONTEXT __attribute__((annotate("ctxloss::context")))
#else
#define CTXLOSS_CONTEXT
#endif

#endif /* CTXLOSS_ANNOTATIONS_H */
