//===--- StorageSpelling.h - Naming context storage in a fix ----*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// How the copy-and-run fix names a context variable at the spawn (for the
/// snapshot) and in the task (for the restore), so that the fixed code
/// compiles where the spawn is: the variable itself when it can be named
/// from anywhere (not local to a function, public at every level), else an
/// accessor that hands it out by reference or pointer and can be called
/// without an object (a free function or a public static member function).
/// Else, a public getter that returns its value (`Trace::CurrentTrace()`)
/// for the snapshot and the project's own scope class for the restore: a
/// class with a public destructor and a public constructor taking that
/// value that writes the variable (`ScopedAdoptTrace adopt(ctx);`). A
/// thread-specific key or wrapper has no such spelling: no fix.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_STORAGESPELLING_H
#define CTXLOSS_FIXES_STORAGESPELLING_H

#include "checks/analysis/TUAnalysis.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>

namespace ctxloss::fixes {

struct StorageSpelling {
  /// Names the storage on the spawning thread.
  std::string Snapshot;
  /// Names the storage inside the task, as the lvalue to restore.
  std::string InTask;
  /// When set, the scope class that restores the snapshot instead.
  std::string ScopeClass;
};

/// The project's own scope class for \p Var: a class nameable anywhere with
/// a public, user-provided destructor and a public constructor of one
/// parameter of type \p Value (references and qualifiers aside) that writes
/// \p Var, itself or through a call (`ScopedAdoptTrace adopt(ctx);`). With
/// \p RestoringDestructor, the destructor must write \p Var too: it puts
/// the previous value back. Null when there is none.
const clang::CXXRecordDecl *findScopeClass(const clang::VarDecl *Var,
                                           clang::QualType Value,
                                           const TUAnalysis &Analysis,
                                           bool RestoringDestructor = false);

/// The spelling of \p Var for a fix, avoiding the names in \p Taken inside
/// the task; \p Preferred is the accessor the finding reads through, tried
/// first. None, with \p WhyNot set, when the fix cannot name it.
std::optional<StorageSpelling>
spellStorage(const clang::VarDecl *Var, const clang::FunctionDecl *Preferred,
             const TUAnalysis &Analysis, const llvm::StringSet<> &Taken,
             std::string &WhyNot);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_STORAGESPELLING_H
