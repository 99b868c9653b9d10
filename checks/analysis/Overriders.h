//===--- Overriders.h - The bodies a virtual call may run -------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The definitions a virtual call may run, as far as the translation unit
/// shows them: the called member's own body (unless it is pure) and the
/// bodies of the members that override it, directly or through other
/// overrides. A call with one such body runs that body (a read behind it is
/// followed); a call with several is a spawn boundary when one of them is
/// (`executor->add(f)` on an abstract executor whose implementation starts
/// a thread), and is otherwise not followed: the engine does not guess
/// which override reads context.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_OVERRIDERS_H
#define CTXLOSS_ANALYSIS_OVERRIDERS_H

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace ctxloss {

class OverriderIndex {
public:
  /// Records \p Def, a definition, as an override of every member it
  /// overrides. Adding the same definition again does nothing.
  void add(const clang::FunctionDecl *Def);

  /// The definitions a virtual call of \p Called may run, in the order
  /// they were added.
  llvm::SmallVector<const clang::FunctionDecl *, 2>
  candidates(const clang::CXXMethodDecl *Called) const;

private:
  llvm::DenseSet<const clang::FunctionDecl *> Seen;
  llvm::DenseMap<const clang::CXXMethodDecl *,
                 llvm::SmallVector<const clang::FunctionDecl *, 2>>
      Overrides;
};

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_OVERRIDERS_H
