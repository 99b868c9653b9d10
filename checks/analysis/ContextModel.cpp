//===--- ContextModel.cpp - Which thread-locals are context ---------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/ContextModel.h"
#include "checks/analysis/ContextStorage.h"
#include "clang/AST/Attr.h"

using namespace clang;

namespace ctxloss {

bool isAnnotatedContext(const VarDecl *Var) {
  for (const VarDecl *Redecl : Var->redecls())
    for (const auto *Attr : Redecl->specific_attrs<AnnotateAttr>())
      if (Attr->getAnnotation() == ContextAnnotation)
        return true;
  return false;
}

static void addDistinct(const Decl *(&Slots)[2], const Decl *Fn) {
  if (Slots[0] == nullptr)
    Slots[0] = Fn;
  else if (Slots[0] != Fn && Slots[1] == nullptr)
    Slots[1] = Fn;
}

void ContextModel::noteRead(const VarDecl *Var, const Decl *Fn) {
  addDistinct(Uses[Var].Readers, Fn);
}

void ContextModel::noteWrite(const VarDecl *Var, const Decl *Fn) {
  addDistinct(Uses[Var].Writers, Fn);
}

bool ContextModel::isContext(const VarDecl *Var) const {
  std::string Name = storageName(Var);
  if (Options.IgnoredVariables.matches(Name))
    return false;
  if (isAnnotatedContext(Var) || Options.ContextVariables.matches(Name))
    return true;
  if (!Options.InferContextVariables)
    return false;
  auto It = Uses.find(Var);
  if (It == Uses.end() || !It->second.Writers[0] || !It->second.Readers[0])
    return false;
  const Use &U = It->second;
  // Written in one function and read in a different one.
  return U.Readers[1] || U.Writers[1] || U.Readers[0] != U.Writers[0];
}

} // namespace ctxloss
