//===--- ContextStorage.cpp - Where per-thread context lives --------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/ContextStorage.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace ctxloss {

bool isThreadLocal(const VarDecl *VD) {
  return VD && (VD->getTLSKind() != VarDecl::TLS_None ||
                VD->hasAttr<OMPThreadPrivateDeclAttr>());
}

std::string storageName(const VarDecl *Var) {
  if (const auto *Fn =
          dyn_cast<FunctionDecl>(Var->getDeclContext()->getRedeclContext()))
    return Fn->getQualifiedNameAsString() + "::" + Var->getName().str();
  return Var->getQualifiedNameAsString();
}

/// The wrapper classes known by name: their headers may be all the
/// translation unit sees of them.
static bool isWrapperClass(const CXXRecordDecl *Class) {
  if (!Class || !Class->getIdentifier())
    return false;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Class))
    Class = Spec->getSpecializedTemplate()->getTemplatedDecl();
  std::string Name = Class->getQualifiedNameAsString();
  return llvm::is_contained({"Poco::ThreadLocal", "cv::TLSData",
                             "cv::TLSDataAccumulator",
                             "boost::thread_specific_ptr", "folly::ThreadLocal",
                             "folly::ThreadLocalPtr"},
                            Name);
}

static bool isWrapperClass(QualType T) {
  return isWrapperClass(T->getAsCXXRecordDecl());
}

bool isWrapperObject(const VarDecl *Var) {
  QualType T = Var->getType().getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return isWrapperClass(T);
}

bool isThreadSpecificKey(const VarDecl *Var) {
  return !isThreadLocal(Var) && !isWrapperObject(Var);
}

/// The key argument of a call to `pthread_getspecific`/`tss_get`, or of
/// `pthread_setspecific`/`tss_set` (\p IsWrite is set), or null.
static const Expr *getKeyArgument(const CallExpr *Call, bool &IsWrite) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier() || isa<CXXMethodDecl>(Callee) ||
      !Callee->getDeclContext()->getRedeclContext()->isTranslationUnit() ||
      Call->getNumArgs() == 0)
    return nullptr;
  StringRef Name = Callee->getName();
  if (Name == "pthread_getspecific" || Name == "tss_get")
    IsWrite = false;
  else if (Name == "pthread_setspecific" || Name == "tss_set")
    IsWrite = true;
  else
    return nullptr;
  return Call->getArg(0)->IgnoreParenImpCasts();
}

const VarDecl *getThreadSpecificKey(const CallExpr *Call, bool &IsWrite) {
  const Expr *Key = getKeyArgument(Call, IsWrite);
  if (!Key)
    return nullptr;
  const ValueDecl *D = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Key))
    D = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(Key))
    D = Member->getMemberDecl();
  const auto *Var = dyn_cast_or_null<VarDecl>(D);
  // A key in a variable of its own: a global, a static member or a local
  // static. A key kept in a data member belongs to each object.
  if (!Var || !Var->hasGlobalStorage() || isThreadLocal(Var))
    return nullptr;
  return Var->getCanonicalDecl();
}

bool hasConstOverload(const CXXMethodDecl *Method) {
  for (const NamedDecl *D :
       Method->getParent()->lookup(Method->getDeclName())) {
    const auto *Other = dyn_cast<CXXMethodDecl>(D);
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      Other = dyn_cast<CXXMethodDecl>(Template->getTemplatedDecl());
    if (Other && Other->isConst() &&
        Other->getNumParams() == Method->getNumParams())
      return true;
  }
  return false;
}

void collectReturns(const Stmt *S,
                    llvm::SmallVectorImpl<const ReturnStmt *> &Out) {
  if (!S || isa<LambdaExpr, BlockExpr, CapturedStmt>(S))
    return;
  if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
    Out.push_back(Return);
    return;
  }
  for (const Stmt *Child : S->children())
    collectReturns(Child, Out);
}

const Expr *stripCopies(const Expr *E) {
  while (true) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E);
             Ctor && Ctor->getNumArgs() == 1 &&
             Ctor->getConstructor()->isCopyOrMoveConstructor())
      E = Ctor->getArg(0);
    else
      return E;
  }
}

static const FunctionDecl *getAliasVia(const FunctionDecl *Fn, bool Nested);

/// A function that returns a reference (or, with \p Pointer, a pointer),
/// called by name, not a member of an object, and defined elsewhere or
/// handing out what such a function returns.
static bool isExternalHandout(const CallExpr *Call, bool Pointer, bool Nested) {
  if (isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call))
    return false;
  const FunctionDecl *Fn = Call->getDirectCallee();
  const FunctionDecl *Def = nullptr;
  if (!Fn || (Fn->hasBody(Def) &&
              (Nested || !Def || !getAliasVia(Def, /*Nested=*/true))))
    return false;
  QualType T = Fn->getReturnType();
  if (Pointer ? !T->isPointerType() : !T->isLValueReferenceType())
    return false;
  const SourceManager &SM = Fn->getASTContext().getSourceManager();
  return !SM.isInSystemHeader(SM.getExpansionLoc(Fn->getLocation()));
}

static const CallExpr *getExternalHandout(const Expr *E, bool Nested) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (!Member->isArrow()) {
        E = Member->getBase();
        continue;
      }
      const auto *Call =
          dyn_cast<CallExpr>(Member->getBase()->IgnoreParenImpCasts());
      return Call && isExternalHandout(Call, /*Pointer=*/true, Nested)
                 ? Call
                 : nullptr;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      if (!Subscript->getBase()
               ->IgnoreParenImpCasts()
               ->getType()
               ->isArrayType())
        return nullptr;
      E = Subscript->getBase();
      continue;
    }
    if (const auto *Deref = dyn_cast<UnaryOperator>(E)) {
      const auto *Call =
          dyn_cast<CallExpr>(Deref->getSubExpr()->IgnoreParenImpCasts());
      return Deref->getOpcode() == UO_Deref && Call &&
                     isExternalHandout(Call, /*Pointer=*/true, Nested)
                 ? Call
                 : nullptr;
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    return Call && isExternalHandout(Call, /*Pointer=*/false, Nested) ? Call
                                                                      : nullptr;
  }
  return nullptr;
}

const CallExpr *getExternalHandout(const Expr *E) {
  return getExternalHandout(E, /*Nested=*/false);
}

const FunctionDecl *getAliasVia(const FunctionDecl *Fn) {
  return getAliasVia(Fn, /*Nested=*/false);
}

/// With \p Nested, only functions without a body here count: one level
/// of handing out is followed within a translation unit.
static const FunctionDecl *getAliasVia(const FunctionDecl *Fn, bool Nested) {
  QualType T = Fn->getReturnType();
  bool Pointer = T->isPointerType();
  if (!Pointer && !T->isLValueReferenceType())
    return nullptr;
  llvm::SmallVector<const ReturnStmt *, 2> Returns;
  collectReturns(Fn->getBody(), Returns);
  const FunctionDecl *Result = nullptr;
  for (const ReturnStmt *Return : Returns) {
    const Expr *Value = Return->getRetValue();
    if (!Value)
      return nullptr;
    Value = Value->IgnoreParenImpCasts();
    const CallExpr *Call = nullptr;
    if (!Pointer) {
      Call = getExternalHandout(Value, Nested);
    } else if (const auto *AddrOf = dyn_cast<UnaryOperator>(Value);
               AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
      Call = getExternalHandout(AddrOf->getSubExpr(), Nested);
    } else if (const auto *Direct = dyn_cast<CallExpr>(Value);
               Direct && isExternalHandout(Direct, /*Pointer=*/true, Nested)) {
      Call = Direct;
    }
    const FunctionDecl *Callee =
        Call ? Call->getDirectCallee()->getCanonicalDecl() : nullptr;
    if (!Callee || (Result && Result != Callee))
      return nullptr;
    Result = Callee;
  }
  return Result;
}

std::optional<StorageAlias>
AccessorIndex::aliasOf(const FunctionDecl *Fn) const {
  if (!Fn)
    return std::nullopt;
  const FunctionDecl *Def = nullptr;
  if (!Fn->hasBody(Def) || !Def || Def->isDependentContext() ||
      Def->getReturnType()->isVoidType())
    return std::nullopt;
  auto [It, Inserted] = Cache.try_emplace(Def);
  if (!Inserted)
    return It->second;
  // Standard and system code hands out none of the program's thread-locals.
  const SourceManager &SM = Def->getASTContext().getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())))
    return std::nullopt;
  // Computed after the entry exists: a recursive accessor is no accessor.
  std::optional<StorageAlias> Result = compute(Def);
  Cache[Def] = Result;
  return Result;
}

void AccessorIndex::accessorsOf(
    const VarDecl *Var,
    llvm::SmallVectorImpl<const FunctionDecl *> &Out) const {
  size_t First = Out.size();
  for (const auto &[Fn, Alias] : Cache)
    if (Alias.value_or(StorageAlias{nullptr, AliasKind::Value}).Var == Var)
      Out.push_back(Fn);
  const SourceManager &SM = Var->getASTContext().getSourceManager();
  llvm::sort(Out.begin() + First, Out.end(),
             [&](const FunctionDecl *A, const FunctionDecl *B) {
               return SM.isBeforeInTranslationUnit(A->getLocation(),
                                                   B->getLocation());
             });
}

std::optional<StorageAlias>
AccessorIndex::compute(const FunctionDecl *Def) const {
  llvm::SmallVector<const ReturnStmt *, 2> Returns;
  collectReturns(Def->getBody(), Returns);
  std::optional<StorageAlias> Result;
  for (const ReturnStmt *Return : Returns) {
    const Expr *Value = Return->getRetValue();
    if (!Value)
      return std::nullopt;
    std::optional<StorageAlias> This =
        returnedAlias(Value, Def->getReturnType());
    if (!This ||
        (Result && (Result->Var != This->Var || Result->Kind != This->Kind)))
      return std::nullopt;
    Result = This;
  }
  return Result;
}

std::optional<StorageAlias>
AccessorIndex::returnedAlias(const Expr *E, QualType Returned) const {
  if (Returned->isLValueReferenceType()) {
    StorageRef Ref = designate(E);
    if (Ref && !isThreadSpecificKey(Ref.Var))
      return StorageAlias{Ref.Var, AliasKind::Reference};
    return std::nullopt;
  }
  const Expr *Bare = E->IgnoreParenImpCasts();
  if (Returned->isPointerType()) {
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(Bare);
        AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
      StorageRef Ref = designate(AddrOf->getSubExpr());
      if (Ref && !isThreadSpecificKey(Ref.Var))
        return StorageAlias{Ref.Var, AliasKind::Pointer};
      return std::nullopt;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Bare))
      if (std::optional<StorageAlias> Inner = aliasOf(Call->getDirectCallee());
          Inner && Inner->Kind == AliasKind::Pointer)
        return Inner;
  }
  // A getter: the value of a thread-local, or of a part of it.
  StorageRef Ref = designate(stripCopies(E), /*AllowValues=*/true);
  if (Ref && !isThreadSpecificKey(Ref.Var))
    return StorageAlias{Ref.Var, AliasKind::Value};
  return std::nullopt;
}

StorageRef AccessorIndex::aliasReturned(const FunctionDecl *Fn,
                                        const Expr *E) const {
  std::optional<StorageAlias> Alias = aliasOf(Fn);
  if (!Alias || Alias->Kind == AliasKind::Value)
    return {};
  if (Alias->Kind == AliasKind::Reference)
    return designate(E);
  const Expr *Bare = E->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Bare);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    return designate(AddrOf->getSubExpr());
  if (const auto *Call = dyn_cast<CallExpr>(Bare))
    if (std::optional<StorageAlias> Inner = aliasOf(Call->getDirectCallee()))
      return {Call, Inner->Var, Call->getDirectCallee()};
  return {};
}

const VarDecl *AccessorIndex::wrapperObject(const Expr *E) const {
  E = E->IgnoreParenImpCasts();
  if (const auto *Deref = dyn_cast<UnaryOperator>(E);
      Deref && Deref->getOpcode() == UO_Deref)
    E = Deref->getSubExpr()->IgnoreParenImpCasts();
  const ValueDecl *D = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    D = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(E))
    D = Member->getMemberDecl();
  if (const auto *Var = dyn_cast_or_null<VarDecl>(D)) {
    QualType T = Var->getType().getNonReferenceType();
    if (T->isPointerType())
      T = T->getPointeeType();
    return Var->hasGlobalStorage() && !isThreadLocal(Var) &&
                   isWrapper(T->getAsCXXRecordDecl())
               ? Var->getCanonicalDecl()
               : nullptr;
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call || isa<CXXOperatorCallExpr>(Call))
    return nullptr;
  const FunctionDecl *Fn = Call->getDirectCallee();
  const FunctionDecl *Def = nullptr;
  if (!Fn || !Fn->getReturnType()->isLValueReferenceType() ||
      !Fn->hasBody(Def) || !Def || Def->isDependentContext() ||
      !isWrapper(
          Fn->getReturnType().getNonReferenceType()->getAsCXXRecordDecl()))
    return nullptr;
  auto [It, Inserted] = WrapperGetters.try_emplace(Def, nullptr);
  if (!Inserted)
    return It->second;
  llvm::SmallVector<const ReturnStmt *, 2> Returns;
  collectReturns(Def->getBody(), Returns);
  const VarDecl *Result = nullptr;
  for (const ReturnStmt *Return : Returns) {
    const VarDecl *This =
        Return->getRetValue() ? wrapperObject(Return->getRetValue()) : nullptr;
    if (!This || (Result && Result != This))
      return nullptr;
    Result = This;
  }
  WrapperGetters[Def] = Result;
  return Result;
}

/// The data member holding the key a call passes to
/// `pthread_getspecific`/`pthread_setspecific` (`tss_get`/`tss_set`) through
/// `this`, or null.
static const FieldDecl *getMemberKey(const CallExpr *Call, bool &IsWrite) {
  const auto *Member =
      dyn_cast_or_null<MemberExpr>(getKeyArgument(Call, IsWrite));
  if (!Member || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(Member->getMemberDecl());
}

static void findKeyUses(const Stmt *S, bool &Reads, bool &Writes) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    bool IsWrite = false;
    if (getMemberKey(Call, IsWrite))
      (IsWrite ? Writes : Reads) = true;
  }
  for (const Stmt *Child : S->children())
    findKeyUses(Child, Reads, Writes);
}

AccessorIndex::KeyRole
AccessorIndex::keyRole(const CXXMethodDecl *Method) const {
  auto [It, Inserted] = KeyRoles.try_emplace(Method, KeyRole::None);
  if (!Inserted)
    return It->second;
  const FunctionDecl *Def = nullptr;
  if (!Method->hasBody(Def) || !Def || Def->isDependentContext())
    return KeyRole::None;
  bool Reads = false;
  bool Writes = false;
  findKeyUses(Def->getBody(), Reads, Writes);
  KeyRole Role = KeyRole::None;
  if (Writes)
    Role = KeyRole::Writes;
  else if (Reads)
    Role = KeyRole::Reads;
  KeyRoles[Method] = Role;
  return Role;
}

bool AccessorIndex::isWrapper(const CXXRecordDecl *Class) const {
  if (!Class || !Class->hasDefinition())
    return false;
  if (isWrapperClass(Class))
    return true;
  auto [It, Inserted] = WrapperClasses.try_emplace(Class, false);
  if (!Inserted)
    return It->second;
  bool Result = llvm::any_of(Class->methods(), [this](const CXXMethodDecl *M) {
    return keyRole(M) != KeyRole::None;
  });
  WrapperClasses[Class] = Result;
  return Result;
}

AccessorIndex::WrapperUse
AccessorIndex::wrapperUse(const CallExpr *Call, const VarDecl *&Object) const {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
  if (!Method || !isWrapper(Method->getParent()))
    return WrapperUse::None;
  const Expr *Base = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    Base = Member->getImplicitObjectArgument();
  else if (isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs() > 0)
    Base = Call->getArg(0);
  if (!Base)
    return WrapperUse::None;
  Object = wrapperObject(Base);
  if (!Object)
    return WrapperUse::None;
  if (!isWrapperClass(Method->getParent())) {
    // A wrapper found by analysis: what the member does with its key.
    switch (keyRole(Method)) {
    case KeyRole::Writes:
      return WrapperUse::Write;
    case KeyRole::Reads:
      return Method->getReturnType()->isPointerType() ? WrapperUse::Pointer
                                                      : WrapperUse::Value;
    case KeyRole::None:
      return WrapperUse::Other;
    }
  }
  OverloadedOperatorKind Op = Method->getOverloadedOperator();
  StringRef Name = Method->getIdentifier() ? Method->getName() : "";
  if (Name == "reset" || Name == "release")
    return WrapperUse::Write;
  if (Op == OO_Arrow)
    return WrapperUse::Pointer;
  if (Op == OO_Star || Name == "get" || Name == "getRef")
    return Method->getReturnType()->isPointerType() ? WrapperUse::Pointer
                                                    : WrapperUse::Value;
  return WrapperUse::Other;
}

StorageRef AccessorIndex::designatePointee(const Expr *Pointer) const {
  const auto *Call = dyn_cast<CallExpr>(Pointer->IgnoreParenImpCasts());
  if (!Call)
    return {};
  const VarDecl *Object = nullptr;
  if (wrapperUse(Call, Object) == WrapperUse::Pointer)
    return {Call, Object, nullptr};
  std::optional<StorageAlias> Alias = aliasOf(Call->getDirectCallee());
  if (Alias && Alias->Kind == AliasKind::Pointer)
    return {Call, Alias->Var, Call->getDirectCallee()};
  return {};
}

StorageRef AccessorIndex::designate(const Expr *E, bool AllowValues) const {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (!Member->isArrow()) {
        E = Member->getBase();
        continue;
      }
      // `p()->f` for a pointer accessor `p`; `tl->f` is the object the
      // thread-local points to, not the thread-local.
      return designatePointee(Member->getBase());
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      if (!Subscript->getBase()
               ->IgnoreParenImpCasts()
               ->getType()
               ->isArrayType())
        return {};
      E = Subscript->getBase();
      continue;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (!isThreadLocal(Var))
        return {};
      return {Ref, Var->getCanonicalDecl(), nullptr};
    }
    if (const auto *Deref = dyn_cast<UnaryOperator>(E)) {
      if (Deref->getOpcode() != UO_Deref)
        return {};
      return designatePointee(Deref->getSubExpr());
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call)
      return {};
    const VarDecl *Object = nullptr;
    switch (wrapperUse(Call, Object)) {
    case WrapperUse::None:
      break;
    case WrapperUse::Value:
      return {Call, Object, nullptr};
    case WrapperUse::Pointer:
      return AllowValues ? StorageRef{Call, Object, nullptr} : StorageRef();
    case WrapperUse::Write:
    case WrapperUse::Other:
      return {};
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (std::optional<StorageAlias> Alias = aliasOf(Callee)) {
      if (Alias->Kind == AliasKind::Reference ||
          (AllowValues && Alias->Kind == AliasKind::Value))
        return {Call, Alias->Var, Callee};
      return {};
    }
    if (AllowValues) {
      bool IsWrite = false;
      if (const VarDecl *Key = getThreadSpecificKey(Call, IsWrite))
        return IsWrite ? StorageRef() : StorageRef{Call, Key, nullptr};
    }
    if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call)) {
      // A part handed out by an accessor member (`tl.at(0) = ...`).
      const CXXMethodDecl *Method = MemberCall->getMethodDecl();
      if (!Method || Method->isConst() || !hasConstOverload(Method))
        return {};
      E = MemberCall->getImplicitObjectArgument();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      // `tl[0] = ...` through a member operator[] with a const twin.
      const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
      if (!Method || Method->isConst() || !hasConstOverload(Method) ||
          Op->getNumArgs() == 0)
        return {};
      E = Op->getArg(0);
      continue;
    }
    return {};
  }
  return {};
}

} // namespace ctxloss
