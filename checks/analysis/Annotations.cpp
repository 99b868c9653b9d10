//===--- Annotations.cpp - The annotations users put on declarations ------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/Annotations.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace ctxloss {

static const AnnotateAttr *findAnnotation(const Decl *D, llvm::StringRef Name) {
  for (const Decl *Redecl : D->redecls())
    for (const auto *Attr : Redecl->specific_attrs<AnnotateAttr>())
      if (Attr->getAnnotation() == Name)
        return Attr;
  return nullptr;
}

bool hasAnnotation(const Decl *D, llvm::StringRef Name) {
  return D && findAnnotation(D, Name);
}

bool readsContextByAnnotation(const FunctionDecl *Fn) {
  return hasAnnotation(Fn, ReadsContextAnnotation);
}

std::optional<unsigned> spawnedArgumentByAnnotation(const FunctionDecl *Fn) {
  const AnnotateAttr *Attr = findAnnotation(Fn, SpawnsAnnotation);
  if (!Attr || Attr->args_size() != 1)
    return std::nullopt;
  std::optional<llvm::APSInt> Index =
      (*Attr->args_begin())->getIntegerConstantExpr(Fn->getASTContext());
  if (!Index || Index->isNegative())
    return std::nullopt;
  return static_cast<unsigned>(Index->getZExtValue());
}

bool propagatesByAnnotation(const FunctionDecl *Fn) {
  if (hasAnnotation(Fn, PropagatesAnnotation))
    return true;
  const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
  return Method && hasAnnotation(Method->getParent(), PropagatesAnnotation);
}

} // namespace ctxloss
