//===--- SpawnRecognizer.cpp - Calls that start a task --------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/SpawnRecognizer.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace ctxloss {

llvm::Expected<std::vector<SpawnFunction>>
parseSpawnFunctions(llvm::StringRef Option) {
  std::vector<SpawnFunction> Result;
  llvm::SmallVector<llvm::StringRef, 4> Entries;
  Option.split(Entries, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Entry : Entries) {
    Entry = Entry.trim();
    if (Entry.empty())
      continue;
    SpawnFunction F;
    size_t Colon = Entry.rfind(':');
    // A single ':' before trailing digits separates the index; '::' is part
    // of the qualified name.
    if (Colon != llvm::StringRef::npos && Colon + 1 < Entry.size() &&
        (Colon == 0 || Entry[Colon - 1] != ':')) {
      llvm::StringRef Index = Entry.substr(Colon + 1).trim();
      if (Index.getAsInteger(10, F.CallableIndex))
        return llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            "invalid argument index '%s' in '%s' (expected "
            "'qualified::name:index')",
            Index.str().c_str(), Entry.str().c_str());
      Entry = Entry.substr(0, Colon).trim();
    }
    Entry.consume_front("::");
    if (Entry.empty() || Entry.ends_with(":"))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "invalid function name in '%s'",
                                     Entry.str().c_str());
    F.Name = Entry.str();
    Result.push_back(std::move(F));
  }
  return Result;
}

std::string formatSpawnFunctions(const std::vector<SpawnFunction> &Functions) {
  std::string Result;
  for (const SpawnFunction &F : Functions) {
    if (!Result.empty())
      Result += ';';
    Result += F.Name + ":" + std::to_string(F.CallableIndex);
  }
  return Result;
}

static bool isStdName(const NamedDecl *D, llvm::StringRef Name) {
  if (!D || !D->getDeclContext()->isStdNamespace())
    return false;
  const IdentifierInfo *II = D->getIdentifier();
  return II && II->getName() == Name;
}

static bool isDeferredPolicy(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  if (!Ref)
    return false;
  const auto *Enumerator = dyn_cast<EnumConstantDecl>(Ref->getDecl());
  return Enumerator && Enumerator->getName() == "deferred";
}

std::optional<SpawnMatch>
SpawnRecognizer::match(const CXXConstructExpr *Ctor) const {
  const CXXConstructorDecl *D = Ctor->getConstructor();
  if (!D || Ctor->getNumArgs() == 0 || D->isCopyOrMoveConstructor())
    return std::nullopt;
  const CXXRecordDecl *Class = D->getParent();
  for (llvm::StringRef Name : {"thread", "jthread"})
    if (isStdName(Class, Name))
      return SpawnMatch{Ctor->getArg(0), ("std::" + Name).str()};
  return std::nullopt;
}

std::optional<SpawnMatch> SpawnRecognizer::match(const CallExpr *Call) const {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return std::nullopt;
  unsigned NumArgs = Call->getNumArgs();
  if (isStdName(Callee, "async") && NumArgs > 0) {
    // std::async(policy, f, args...) or std::async(f, args...).
    const EnumDecl *Enum = Call->getArg(0)->getType()->getAsEnumDecl();
    if (Enum && Enum->getName() == "launch") {
      if (NumArgs < 2 || isDeferredPolicy(Call->getArg(0)))
        return std::nullopt;
      return SpawnMatch{Call->getArg(1), "std::async"};
    }
    return SpawnMatch{Call->getArg(0), "std::async"};
  }
  if (Callee->getDeclContext()->getRedeclContext()->isTranslationUnit() &&
      Callee->getIdentifier() &&
      Callee->getIdentifier()->getName() == "pthread_create" && NumArgs >= 3)
    return SpawnMatch{Call->getArg(2), "pthread_create"};

  if (Extra.empty())
    return std::nullopt;
  std::string Name = Callee->getQualifiedNameAsString();
  // A member operator call counts the object as argument 0.
  unsigned Offset = 0;
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee))
    Offset = 1;
  for (const SpawnFunction &F : Extra)
    if (F.Name == Name && F.CallableIndex + Offset < NumArgs)
      return SpawnMatch{Call->getArg(F.CallableIndex + Offset), F.Name};
  return std::nullopt;
}

} // namespace ctxloss
