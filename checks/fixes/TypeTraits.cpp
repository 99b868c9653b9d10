//===--- TypeTraits.cpp - What the fixes may do with a value --------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/TypeTraits.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace ctxloss::fixes {

static bool isUsable(const CXXMethodDecl *M) {
  return !M->isDeleted() && M->getAccess() != AS_private &&
         M->getAccess() != AS_protected;
}

static bool hasUsableCopyConstructor(const CXXRecordDecl *Class) {
  if (Class->needsImplicitCopyConstructor())
    return !Class->defaultedCopyConstructorIsDeleted();
  return llvm::any_of(Class->ctors(), [](const CXXConstructorDecl *Ctor) {
    return Ctor->isCopyConstructor() && isUsable(Ctor);
  });
}

static bool hasUsableCopyAssignment(const CXXRecordDecl *Class) {
  bool Declared = false;
  for (const CXXMethodDecl *M : Class->methods()) {
    if (!M->isCopyAssignmentOperator())
      continue;
    Declared = true;
    if (isUsable(M))
      return true;
  }
  if (Declared)
    return false;
  // The implicit one is deleted when a member cannot be assigned.
  return llvm::none_of(Class->fields(), [](const FieldDecl *Field) {
    QualType FT = Field->getType();
    return FT.isConstQualified() || FT->isReferenceType();
  });
}

bool isCopyableValue(QualType T) {
  if (T.isNull() || T->isReferenceType() || T->isArrayType() ||
      T->isDependentType())
    return false;
  const CXXRecordDecl *Class = T->getAsCXXRecordDecl();
  if (!Class)
    return T->isScalarType();
  if (!Class->hasDefinition())
    return false;
  Class = Class->getDefinition();
  return hasUsableCopyConstructor(Class) && hasUsableCopyAssignment(Class);
}

bool passByConstReference(QualType T) {
  const CXXRecordDecl *Class = T->getAsCXXRecordDecl();
  return Class && !(Class->hasDefinition() &&
                    Class->getDefinition()->isTriviallyCopyable());
}

} // namespace ctxloss::fixes
