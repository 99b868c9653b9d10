//===--- StorageSpelling.cpp - Naming context storage in a fix ------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/StorageSpelling.h"
#include "checks/fixes/Spelling.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace ctxloss::fixes {

/// Whether \p D can be named from any function of the program: declared at
/// namespace scope, or a member that is public in every enclosing class.
static bool isNameableAnywhere(const Decl *D) {
  while (true) {
    const DeclContext *DC = D->getDeclContext()->getRedeclContext();
    if (DC->isFileContext())
      return true;
    const auto *Class = dyn_cast<CXXRecordDecl>(DC);
    if (!Class || D->getAccess() != AS_public)
      return false;
    D = Class;
  }
}

/// Whether \p Fn can be called with no object from anywhere.
static bool isCallableAnywhere(const FunctionDecl *Fn) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Fn))
    if (!Method->isStatic())
      return false;
  return Fn->getIdentifier() && Fn->getNumParams() == 0 &&
         isNameableAnywhere(Fn);
}

/// Whether a constructor writes \p Var itself or through a function it
/// calls.
static bool writesVariable(const FunctionSummary &Ctor, const VarDecl *Var,
                           const TUAnalysis &Analysis) {
  if (Ctor.writes(Var))
    return true;
  return llvm::any_of(Ctor.Calls, [&](const CallEdge &Edge) {
    const FunctionSummary *Callee = Analysis.summaryOf(Edge.Callee);
    return Callee && Callee->leavesWritten(Var);
  });
}

const CXXRecordDecl *findScopeClass(const VarDecl *Var, QualType Value,
                                    const TUAnalysis &Analysis,
                                    bool RestoringDestructor) {
  Value = Value.getNonReferenceType().getUnqualifiedType();
  for (const auto &Entry : Analysis.summaries()) {
    const auto *Ctor = dyn_cast<CXXConstructorDecl>(Entry.first);
    if (!Ctor || Ctor->getNumParams() != 1 || Ctor->isCopyOrMoveConstructor() ||
        Ctor->getAccess() != AS_public)
      continue;
    const CXXRecordDecl *Class = Ctor->getParent();
    const CXXDestructorDecl *Dtor = Class->getDestructor();
    QualType Param = Ctor->getParamDecl(0)
                         ->getType()
                         .getNonReferenceType()
                         .getUnqualifiedType();
    if (!Dtor || !Dtor->isUserProvided() || Dtor->getAccess() != AS_public ||
        !isNameableAnywhere(Class) || !Class->getIdentifier() ||
        !ASTContext::hasSameType(Param, Value) ||
        !writesVariable(*Entry.second, Var, Analysis))
      continue;
    if (RestoringDestructor) {
      const FunctionDecl *DtorDef = Dtor->getDefinition();
      const FunctionSummary *DS =
          DtorDef ? Analysis.summaryOf(DtorDef) : nullptr;
      if (!DS || !writesVariable(*DS, Var, Analysis))
        continue;
    }
    return Class;
  }
  return nullptr;
}

/// A public getter of \p Var's value among \p Candidates, and a scope
/// class whose public constructor takes that value and writes \p Var.
static std::optional<StorageSpelling>
spellThroughScopeClass(const VarDecl *Var,
                       llvm::ArrayRef<const FunctionDecl *> Candidates,
                       const TUAnalysis &Analysis) {
  const AccessorIndex &Accessors = Analysis.accessors();
  const FunctionDecl *Getter = nullptr;
  for (const FunctionDecl *Fn : Candidates) {
    std::optional<StorageAlias> Alias = Accessors.aliasOf(Fn);
    if (Alias && Alias->Kind == AliasKind::Value && isCallableAnywhere(Fn)) {
      Getter = Fn;
      break;
    }
  }
  if (!Getter)
    return std::nullopt;
  const CXXRecordDecl *Class = findScopeClass(
      Var, Getter->getReturnType().getUnqualifiedType(), Analysis);
  if (!Class)
    return std::nullopt;
  std::string Snapshot = Getter->getQualifiedNameAsString() + "()";
  return StorageSpelling{Snapshot, Snapshot, Class->getQualifiedNameAsString()};
}

std::optional<StorageSpelling> spellStorage(const VarDecl *Var,
                                            const FunctionDecl *Preferred,
                                            const TUAnalysis &Analysis,
                                            const llvm::StringSet<> &Taken,
                                            std::string &WhyNot) {
  const AccessorIndex &Accessors = Analysis.accessors();
  std::string Name = "'" + storageName(Var) + "'";
  if (isThreadSpecificKey(Var)) {
    WhyNot = "no fix-it: " + describeContext(Var) +
             " has no scoped restore; read it with 'pthread_getspecific' "
             "here, pass it to the task and set it there with "
             "'pthread_setspecific', putting the previous value back before "
             "the task returns";
    return std::nullopt;
  }
  if (isWrapperObject(Var)) {
    WhyNot = "no fix-it: the " + describeContext(Var) +
             " is held by a thread-local wrapper; take the value here, pass "
             "it to the task and set it there, putting the previous value "
             "back before the task returns";
    return std::nullopt;
  }
  if (isSpellableAnywhere(Var) && isNameableAnywhere(Var))
    return StorageSpelling{spellVariable(Var),
                           spellVariableAvoiding(Var, Taken)};
  llvm::SmallVector<const FunctionDecl *, 4> Candidates;
  if (Preferred)
    Candidates.push_back(Preferred);
  Accessors.accessorsOf(Var, Candidates);
  for (const FunctionDecl *Fn : Candidates) {
    std::optional<StorageAlias> Alias = Accessors.aliasOf(Fn);
    if (!Alias || Alias->Kind == AliasKind::Value || !isCallableAnywhere(Fn))
      continue;
    std::string Call = Fn->getQualifiedNameAsString() + "()";
    if (Taken.contains(llvm::StringRef(Call).split("::").first))
      Call.insert(0, "::");
    if (Alias->Kind == AliasKind::Pointer)
      Call.insert(0, "*");
    return StorageSpelling{Call, Call};
  }
  if (std::optional<StorageSpelling> Scoped =
          spellThroughScopeClass(Var, Candidates, Analysis))
    return Scoped;
  WhyNot = "no fix-it: " + Name +
           (isSpellableAnywhere(Var) ? " is not accessible here"
                                     : " is local to its accessor") +
           " and no public accessor hands it out by reference; snapshot it "
           "here and restore it in the task with the project's own setter "
           "or scope class";
  return std::nullopt;
}

} // namespace ctxloss::fixes
