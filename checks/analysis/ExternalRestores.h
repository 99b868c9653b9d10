//===--- ExternalRestores.h - Restores by code the TU lacks -----*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Decides which calls to functions whose body the translation unit does not
/// have (defined in another file, or an inline function of a header whose
/// body clangd skipped in the preamble) restore a context:
///
/// - a function the program summary (`SummaryFile`, or the summary
///   `ctxloss-clangd` keeps) knows restores what the summary says it writes,
///   itself or through its calls: a setter, a scope class's constructor;
/// - a function nobody knows restores the contexts whose captured snapshot
///   it is handed (`[rid = request_id] { begin_request(rid); }`): unknown
///   code given the saved value of a context most likely installs it, and a
///   warning there would be a guess (precision first).
///
/// A call passing a snapshot to a function the program summary knows is
/// decided by the summary alone.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_EXTERNALRESTORES_H
#define CTXLOSS_ANALYSIS_EXTERNALRESTORES_H

#include "checks/analysis/FunctionSummary.h"
#include "checks/analysis/RestoreAnalysis.h"
#include "llvm/ADT/ArrayRef.h"

namespace ctxloss {

struct ProgramReaders;

/// The keys among \p Keys that each external call of \p Summaries restores
/// (by call site). \p Program may be null (no program summary).
ExternalRestoreMap
findExternalRestores(llvm::ArrayRef<const FunctionSummary *> Summaries,
                     const ProgramReaders *Program,
                     llvm::ArrayRef<ContextKey> Keys);

/// The contexts whose snapshot \p Arg is: a local variable or capture
/// initialised from a read of the context (`auto saved = request_id;`,
/// `[rid = request_id]`), named as is or copied or moved. \p ReadAt maps
/// each read's expression to its key.
void snapshotKeysOf(
    const clang::Expr *Arg,
    const llvm::DenseMap<const clang::Expr *, ContextKey> &ReadAt,
    llvm::SmallVectorImpl<ContextKey> &Out);

/// The contexts whose snapshot the call \p Site hands its callee, through
/// an argument or as the object of a member call.
void snapshotKeysAt(
    const clang::Stmt *Site,
    const llvm::DenseMap<const clang::Expr *, ContextKey> &ReadAt,
    llvm::SmallVectorImpl<ContextKey> &Out);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_EXTERNALRESTORES_H
