//===--- ContextModel.h - Which thread-locals are context -------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Decides which thread-local variables carry context. A thread-local is
/// context when it is annotated `CTXLOSS_CONTEXT`, when its qualified name
/// matches the `ContextVariables` option, or, by default, when it is set
/// outside its initializer in one function and read in another: a channel
/// between functions rather than a per-thread cache (an RNG, a scratch
/// buffer) used only where it is defined. `IgnoredVariables` wins over all.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_CONTEXTMODEL_H
#define CTXLOSS_ANALYSIS_CONTEXTMODEL_H

#include "checks/analysis/NameRegexList.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <vector>

namespace ctxloss {

/// The annotation `CTXLOSS_CONTEXT` expands to.
inline constexpr llvm::StringLiteral ContextAnnotation = "ctxloss::context";

struct ContextOptions {
  NameRegexList ContextVariables;
  NameRegexList IgnoredVariables;
  /// Treat thread-locals written in one function and read in another as
  /// context even when neither annotated nor configured.
  bool InferContextVariables = true;
};

class ContextModel {
public:
  explicit ContextModel(const ContextOptions &Options) : Options(Options) {}

  /// Records that \p Fn reads or writes \p Var (a canonical declaration).
  void noteRead(const clang::VarDecl *Var, const clang::Decl *Fn);
  void noteWrite(const clang::VarDecl *Var, const clang::Decl *Fn);

  /// Whether \p Var carries context, given everything noted so far.
  bool isContext(const clang::VarDecl *Var) const;

private:
  struct Use {
    // The first two functions seen: enough to tell "one" from "several".
    const clang::Decl *Readers[2] = {nullptr, nullptr};
    const clang::Decl *Writers[2] = {nullptr, nullptr};
  };
  const ContextOptions &Options;
  llvm::DenseMap<const clang::VarDecl *, Use> Uses;
};

/// True when a declaration of \p Var carries the `CTXLOSS_CONTEXT`
/// annotation.
bool isAnnotatedContext(const clang::VarDecl *Var);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_CONTEXTMODEL_H
