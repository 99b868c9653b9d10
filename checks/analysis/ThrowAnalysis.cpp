//===--- ThrowAnalysis.cpp - Calls that may throw -------------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/ThrowAnalysis.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace ctxloss {

/// The function a call or construction calls, or null.
static const FunctionDecl *calleeOf(const Stmt *S) {
  if (const auto *Call = dyn_cast<CallExpr>(S))
    return Call->getDirectCallee();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
    return Construct->getConstructor();
  return nullptr;
}

/// Whether \p Fn is declared not to throw (`noexcept`, `throw()`, an
/// implicit destructor's exception specification).
static bool isNothrow(const FunctionDecl *Fn) {
  const auto *Proto = Fn->getType()->getAs<FunctionProtoType>();
  return !Proto || Proto->isNothrow();
}

bool catches(const CXXCatchStmt *Handler, QualType Thrown) {
  QualType Caught = Handler->getCaughtType();
  if (Caught.isNull())
    return true;
  Caught = Caught.getNonReferenceType().getUnqualifiedType();
  Thrown = Thrown.getNonReferenceType().getUnqualifiedType();
  if (Caught.getCanonicalType() == Thrown.getCanonicalType())
    return true;
  const auto *CaughtClass = Caught->getAsCXXRecordDecl();
  const auto *ThrownClass = Thrown->getAsCXXRecordDecl();
  return CaughtClass && ThrownClass && ThrownClass->hasDefinition() &&
         ThrownClass->isDerivedFrom(CaughtClass);
}

/// Whether a handler of \p Tries (innermost last) catches everything, or,
/// with \p Thrown, that type.
static bool isCaught(llvm::ArrayRef<const CXXTryStmt *> Tries,
                     QualType Thrown) {
  for (const CXXTryStmt *Try : Tries)
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      const CXXCatchStmt *Handler = Try->getHandler(I);
      if (Handler->getCaughtType().isNull() ||
          (!Thrown.isNull() && catches(Handler, Thrown)))
        return true;
    }
  return false;
}

bool ThrowAnalysis::mayThrow(const Stmt *S) {
  const FunctionDecl *Callee = calleeOf(S);
  if (AnyCall && isa<CallExpr>(S) && !Callee) {
    // An indirect call: the type of what is called.
    const Expr *Target = cast<CallExpr>(S)->getCallee();
    QualType Type = Target->getType();
    if (const auto *Pointer = Type->getAs<PointerType>())
      Type = Pointer->getPointeeType();
    const auto *Proto = Type->getAs<FunctionProtoType>();
    return Proto && !Proto->isNothrow();
  }
  if (!Callee || isNothrow(Callee) || Callee->getBuiltinID())
    return false;
  if (AnyCall)
    return !Callee->isTrivial();
  const FunctionDecl *Def = Callee->getDefinition();
  return Def && Def->getBody() && throws(Def);
}

bool ThrowAnalysis::throws(const FunctionDecl *Fn) {
  auto [It, New] = Throws.try_emplace(Fn, false);
  if (!New)
    return It->second;
  bool Result = false;
  if (!isNothrow(Fn) && Fn->getBody()) {
    llvm::SmallVector<const CXXTryStmt *, 2> Tries;
    Result = escapes(Fn->getBody(), Tries);
  }
  Throws[Fn] = Result;
  return Result;
}

/// Whether an exception may leave \p S, under the try blocks \p Tries.
bool ThrowAnalysis::escapes(const Stmt *S,
                            llvm::SmallVectorImpl<const CXXTryStmt *> &Tries) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
    Tries.push_back(Try);
    bool Escapes = escapes(Try->getTryBlock(), Tries);
    Tries.pop_back();
    for (unsigned I = 0; !Escapes && I < Try->getNumHandlers(); ++I)
      Escapes = escapes(Try->getHandler(I)->getHandlerBlock(), Tries);
    return Escapes;
  }
  if (const auto *Throw = dyn_cast<CXXThrowExpr>(S)) {
    // A rethrow's type is not known here: only a catch-all catches it.
    const Expr *Thrown = Throw->getSubExpr();
    if (!isCaught(Tries, Thrown ? Thrown->getType() : QualType()))
      return true;
  } else if ((isa<CallExpr, CXXConstructExpr>(S)) && mayThrow(S) &&
             !isCaught(Tries, QualType())) {
    return true;
  }
  for (const Stmt *Child : S->children())
    if (escapes(Child, Tries))
      return true;
  return false;
}

} // namespace ctxloss
