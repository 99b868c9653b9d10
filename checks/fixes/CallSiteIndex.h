//===--- CallSiteIndex.h - Callers and other uses of functions -*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// One walk over the translation unit (outside system headers), made only
/// when an explicit-parameter fix is built, that records every direct call of
/// every function (with the function or lambda making it) and every other use
/// of a function's name: its address taken, a reference bound to it, an
/// unresolved call in a template. The explicit-parameter fix needs both: the
/// callers it must update or leave to a default argument, and the functions it
/// must not change at all.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_CALLSITEINDEX_H
#define CTXLOSS_FIXES_CALLSITEINDEX_H

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace ctxloss::fixes {

class CallSiteIndex {
public:
  struct CallSite {
    const clang::CallExpr *Call;
    /// The function, or the lambda's call operator, the call is written in;
    /// null at namespace scope (a global's initializer).
    const clang::FunctionDecl *Caller;
  };

  explicit CallSiteIndex(clang::ASTContext &Ctx);

  /// The direct calls of \p Fn (any declaration of it).
  llvm::ArrayRef<CallSite> callsOf(const clang::FunctionDecl *Fn) const;

  /// The uses of \p Fn's name other than as the callee of a direct call.
  llvm::ArrayRef<const clang::Expr *>
  otherUsesOf(const clang::FunctionDecl *Fn) const;

private:
  friend class CallSiteCollector;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<CallSite, 2>>
      Calls;
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<const clang::Expr *, 1>>
      OtherUses;
};

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_CALLSITEINDEX_H
