//===--- CTasks.h - Tasks made of a function pointer and its data -*- C++ -*-=//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// C-style tasks: a struct holding a function pointer (`void (*fn)(void *)`,
/// usually next to its `void *arg`) filled in and handed to a queue or a
/// pool, which later calls the function on a worker thread.
///
/// The task is the function stored in the struct when the spawn site shows
/// it: the struct's initialiser (`Job{work, arg}`, `new Job{...}`, a C
/// compound literal), an assignment to the field in the function that
/// hands the struct over (`job.fn = work;`, `j->fn = work;`), for a local
/// struct or a local pointer to one, or an initialiser function, one whose
/// body stores a parameter into a function pointer member (gRPC's
/// `grpc_closure_init`), called on the local or written as the argument. A
/// struct held in a data member runs what the main file stores into that
/// member, when that is one function. A struct that came from elsewhere (a
/// parameter) is not followed.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_CTASKS_H
#define CTXLOSS_ANALYSIS_CTASKS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace ctxloss {

/// Whether \p Record (defined) has a data member of function pointer type,
/// and is not a function object nor a class of namespace `std`.
bool isCTaskRecord(const clang::RecordDecl *Record);

/// If \p E is (or points to) a C-style task struct, appends the functions
/// its function pointer members are set to at the site and returns true;
/// returns false for anything else.
bool resolveCTask(const clang::Expr *E,
                  llvm::SmallVectorImpl<const clang::FunctionDecl *> &Out);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_CTASKS_H
