//===--- RestoreAnalysis.h - Writes that dominate a use ---------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Answers "is this use of a thread-local preceded, on every path from the
/// function's entry, by a write of it?" with the CFG's dominator tree, not
/// the order of the text: a restore on only one branch does not count.
/// A call to a function that writes the variable (directly or through its
/// own calls: a `set_request(id)` helper) counts as a write at the call.
/// CFGs are built lazily, only for functions that write context.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_RESTOREANALYSIS_H
#define CTXLOSS_ANALYSIS_RESTOREANALYSIS_H

#include "checks/analysis/FunctionSummary.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>

namespace ctxloss {

/// The functions that write one variable, directly or through calls.
using WriterSet = llvm::DenseSet<const clang::Decl *>;

/// The contexts each call to a function whose body the translation unit
/// lacks restores, by call site (ExternalRestores.h decides).
using ExternalRestoreMap =
    llvm::DenseMap<const clang::Stmt *, llvm::SmallVector<ContextKey, 1>>;

class RestoreAnalysis {
public:
  explicit RestoreAnalysis(clang::ASTContext &Ctx);
  ~RestoreAnalysis();

  /// True when every path to \p Use in \p S's function passes a write of
  /// \p Key first: an assignment or a profile's restore (a guard's only
  /// within its scope), or a call to one of \p Writers.
  bool isRestoredBefore(const FunctionSummary &S, ContextKey Key,
                        const WriterSet &Writers, const clang::Stmt *Use);

  /// The calls to functions defined elsewhere (\p S's ExternalCalls) that
  /// come first on every path to \p Use: a setter among them, which only
  /// the program summary can tell, restores the context for the use.
  void externalCallsBefore(const FunctionSummary &S, const clang::Stmt *Use,
                           llvm::SmallVectorImpl<const CallEdge *> &Out);

  /// True when every path from the entry of \p Fn to \p Use evaluates
  /// \p First before it (CFG dominance; in one block, the order of
  /// evaluation).
  bool isEvaluatedBefore(const clang::Decl *Fn, const clang::Stmt *First,
                         const clang::Stmt *Use);
  /// True when every path of \p Fn's CFG from \p From to a normal exit
  /// (not a `throw`, not a call that does not return) evaluates one of
  /// \p Stops after it. False when a statement is not in the CFG.
  bool isAlwaysFollowedBy(const clang::Decl *Fn, const clang::Stmt *From,
                          llvm::ArrayRef<const clang::Stmt *> Stops);
  /// Makes the calls of \p Map (to functions whose body the translation
  /// unit lacks) count as writes of the contexts listed, at the call.
  void setExternalRestores(ExternalRestoreMap Map) {
    External = std::move(Map);
  }

  /// Whether the call \p Site, to a function whose body the translation
  /// unit lacks, restores \p Key (setExternalRestores).
  bool restoresExternally(const clang::Stmt *Site, ContextKey Key) const {
    auto It = External.find(Site);
    return It != External.end() && llvm::is_contained(It->second, Key);
  }

private:
  struct FunctionCFG;
  FunctionCFG *getCFG(const clang::Decl *Fn);
  bool dominates(FunctionCFG &G, const clang::Stmt *Write,
                 const clang::Stmt *Use) const;
  bool contains(const clang::Stmt *Scope, const clang::Stmt *Use) const;
  bool isEndedBetween(FunctionCFG &G, const FunctionSummary &S,
                      const ContextWrite &W, const clang::Stmt *Use);

  clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::Decl *, std::unique_ptr<FunctionCFG>> CFGs;
  ExternalRestoreMap External;
};

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_RESTOREANALYSIS_H
