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

/// A note as every report of the check words it.
struct WordedNote {
  clang::SourceLocation Loc;
  std::string Message;
};

/// How messages name a coroutine: "coroutine 'f'", "the lambda coroutine".
std::string describeCoroutine(const clang::FunctionDecl *Fn);

/// The notes saying why \p Change may resume a coroutine on another thread
/// at \p Suspend: the suspension, then where its awaiter hands the handle
/// on. One wording for the check and for the program summary.
void describeThreadChange(const clang::CoroutineSuspendExpr *Suspend,
                          const ThreadChange &Change,
                          const clang::FunctionDecl *Coroutine,
                          const clang::SourceManager &SM,
                          llvm::SmallVectorImpl<WordedNote> &Out);

/// A read or call of a coroutine that some path from a suspension reaches,
/// for the program summary (summary::Reached).
struct SuspensionUse {
  const ContextRead *Read = nullptr;
  /// A call of the summary's Calls or ExternalCalls.
  const CallEdge *Call = nullptr;
  /// The keys whose writers (by \p Written of findSuspensionFacts) cut
  /// every path from the suspension to the use.
  llvm::SmallVector<ContextKey, 1> Restored;
  /// The calls on every such path: one may write the context through a
  /// function defined elsewhere.
  llvm::SmallVector<const CallEdge *, 1> After;
  bool NextIteration = false;
};

/// A suspension that may change thread, or would if a function defined
/// elsewhere spawns the handle, and what comes after it.
struct SuspensionFacts {
  const clang::CoroutineSuspendExpr *Suspend = nullptr;
  std::optional<ThreadChange> Change;
  llvm::SmallVector<ThreadChange, 1> Elsewhere;
  /// Keys the awaiter carries over itself, or a profile propagates.
  llvm::SmallVector<ContextKey, 1> Carried;
  std::vector<SuspensionUse> Uses;
};

/// What the program summary needs of the coroutines of one translation
/// unit, so that the whole-program driver reports
/// `context-lost-after-suspend` as the check does, and across files.
class SuspensionFactFinder {
public:
  /// \p Analysis must be prepared.
  SuspensionFactFinder(const TUAnalysis &Analysis, const AnalysisOptions &Opts,
                       const SuspendOptions &Suspend);
  ~SuspensionFactFinder();

  /// The facts of the coroutine \p S (none for other functions), with the
  /// restores of the keys of \p Written (key to its writers).
  std::vector<SuspensionFacts>
  find(const FunctionSummary &S,
       llvm::ArrayRef<std::pair<ContextKey, const WriterSet *>> Written);

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

/// The findings of `context-lost-after-suspend` for \p Analysis (prepared
/// here if it is not yet), ordered by position in the translation unit;
/// one per suspension point and context, and one per read.
std::vector<SuspendFinding> findLostAfterSuspend(TUAnalysis &Analysis,
                                                 const AnalysisOptions &Opts,
                                                 const SuspendOptions &Suspend);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_SUSPENDSEARCH_H
