//===--- SuspendSearch.h - Context lost after a suspension ------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The search of `context-lost-after-suspend`, on the shared analysis of a
/// translation unit: in each coroutine, the reads of context (in its body,
/// or down a call chain from a call in its body) that some path in the
/// coroutine's CFG reaches from a suspension that may resume it on another
/// thread without passing a restore of that context; and the pointers and
/// references to thread-local storage taken before such a suspension and
/// used after it.
///
/// A restore is what RestoreAnalysis counts (an assignment, a profile's
/// restore, a guard within its scope, a call to a function that writes the
/// context); an awaiter whose `await_resume` writes the context carries it
/// itself, and a profile whose `Propagators` name the awaited type or the
/// coroutine's return type propagates it (folly::coro).
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_SUSPENDSEARCH_H
#define CTXLOSS_ANALYSIS_SUSPENDSEARCH_H

#include "checks/analysis/SuspendRecognizer.h"
#include "checks/analysis/TUAnalysis.h"
#include <vector>

namespace ctxloss {

struct SuspendFinding {
  const clang::FunctionDecl *Coroutine = nullptr;
  const clang::CoroutineSuspendExpr *Suspend = nullptr;
  /// The coroutine's first suspension, in the text, that may change
  /// thread: a snapshot must be taken before it.
  const clang::CoroutineSuspendExpr *FirstSuspend = nullptr;
  ThreadChange Change;
  ContextKey Key;
  /// Form 1: the calls from the coroutine down to the reader, in order,
  /// and the functions making them.
  llvm::SmallVector<const CallEdge *, 4> Path;
  llvm::SmallVector<const clang::Decl *, 4> Callers;
  const clang::Decl *Reader = nullptr;
  const ContextRead *Read = nullptr;
  /// Form 2: the pointer or reference to thread-local storage, and its
  /// use after the suspension.
  const clang::VarDecl *Alias = nullptr;
  const clang::DeclRefExpr *AliasUse = nullptr;
  /// The use comes before the suspension in the text: a loop reaches it
  /// again after resuming.
  bool NextIteration = false;

  /// Where the finding is reported: the read, or the use of the alias.
  const clang::Stmt *reportedAt() const;
};

/// The findings of `context-lost-after-suspend` for \p Analysis (prepared
/// here if it is not yet), ordered by position in the translation unit;
/// one per suspension point and context, and one per read.
std::vector<SuspendFinding> findLostAfterSuspend(TUAnalysis &Analysis,
                                                 const AnalysisOptions &Opts,
                                                 const SuspendOptions &Suspend);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_SUSPENDSEARCH_H
