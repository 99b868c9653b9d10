//===--- SpawnRecognizer.cpp - Calls that start a task --------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/SpawnRecognizer.h"
#include "checks/analysis/Annotations.h"
#include "checks/analysis/CTasks.h"
#include "checks/analysis/FrameworkSpawns.h"
#include "checks/analysis/TaskObjects.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"
#include <algorithm>

using namespace clang;

namespace ctxloss {

llvm::Expected<std::vector<SpawnFunction>>
parseSpawnFunctions(llvm::StringRef Option) {
  std::vector<SpawnFunction> Result;
  llvm::SmallVector<llvm::StringRef, 4> Entries;
  Option.split(Entries, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Written : Entries) {
    llvm::StringRef Entry = Written.trim();
    if (Entry.empty())
      continue;
    auto Invalid = [&](const char *Why) {
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "invalid entry '%s': %s (expected 'qualified::name' or "
          "'qualified::name:index')",
          Entry.str().c_str(), Why);
    };
    SpawnFunction F;
    llvm::StringRef Name = Entry;
    size_t Colon = Entry.rfind(':');
    // A single ':' separates the index; '::' is part of the qualified name.
    if (Colon != llvm::StringRef::npos &&
        (Colon == 0 || Entry[Colon - 1] != ':') &&
        (Colon + 1 == Entry.size() || Entry[Colon + 1] != ':')) {
      if (Entry.substr(Colon + 1).trim().getAsInteger(10, F.CallableIndex))
        return Invalid("the argument index is not a number");
      Name = Entry.substr(0, Colon).trim();
    }
    Name.consume_front("::");
    static const llvm::Regex QualifiedName(
        "^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*$");
    if (!QualifiedName.match(Name))
      return Invalid("the function name is not a qualified name");
    F.Name = Name.str();
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

static llvm::StringRef identifierOf(const NamedDecl *D) {
  const IdentifierInfo *II = D ? D->getIdentifier() : nullptr;
  return II ? II->getName() : llvm::StringRef();
}

/// The names of the namespaces enclosing \p D, outermost first, inline
/// namespaces and detail namespaces included (`tbb::detail::d1::...`).
static llvm::SmallVector<llvm::StringRef, 4>
enclosingNamespaces(const Decl *D) {
  llvm::SmallVector<llvm::StringRef, 4> Names;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
      Names.push_back(NS->getName());
  std::reverse(Names.begin(), Names.end());
  return Names;
}

/// Boost.Asio (`boost::asio::`) or standalone Asio (`asio::`).
static bool isInAsio(const Decl *D) {
  auto NS = enclosingNamespaces(D);
  return (NS.size() >= 2 && NS[0] == "boost" && NS[1] == "asio") ||
         (!NS.empty() && NS[0] == "asio");
}

static bool isInNamespace(const Decl *D, llvm::StringRef Outermost) {
  auto NS = enclosingNamespaces(D);
  return !NS.empty() && NS[0] == Outermost;
}

static bool isDeferredPolicy(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  if (!Ref)
    return false;
  const auto *Enumerator = dyn_cast<EnumConstantDecl>(Ref->getDecl());
  return Enumerator && Enumerator->getName() == "deferred";
}

static SpawnMatch allArguments(const CallExpr *Call, std::string Boundary) {
  SpawnMatch M;
  M.Boundary = std::move(Boundary);
  for (const Expr *Arg : Call->arguments())
    M.Callables.push_back(Arg);
  return M;
}

static SpawnMatch oneArgument(const Expr *Arg, std::string Boundary) {
  SpawnMatch M;
  M.Boundary = std::move(Boundary);
  M.Callables.push_back(Arg);
  return M;
}

/// \p M, whose callables run on a worker that also runs other tasks.
static SpawnMatch onReusedWorker(SpawnMatch M) {
  M.ReusedWorker = true;
  return M;
}

/// The name of a class's constructors as the `SpawnFunctions` option spells
/// it, `ns::Class::Class`, without template arguments.
static std::string constructorName(const CXXRecordDecl *Class) {
  const NamedDecl *Named = Class;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Class))
    Named = Spec->getSpecializedTemplate();
  return Named->getQualifiedNameAsString() + "::" + identifierOf(Class).str();
}

SpawnRecognizer::SpawnRecognizer(std::vector<SpawnFunction> Extra,
                                 PoolHeuristic Pools)
    : Extra(std::move(Extra)), Pools(std::move(Pools)) {
  const std::vector<SpawnFunction> &Builtin = frameworkSpawnFunctions();
  this->Extra.insert(this->Extra.end(), Builtin.begin(), Builtin.end());
}

std::optional<SpawnRecognizer::ThreadClass>
SpawnRecognizer::threadClass(const CXXRecordDecl *Class) const {
  if (!Class)
    return std::nullopt;
  for (llvm::StringRef Name : {"thread", "jthread"})
    if (isStdName(Class, Name))
      return ThreadClass{0, ("std::" + Name).str()};
  if (identifierOf(Class) == "thread" && isInNamespace(Class, "boost") &&
      enclosingNamespaces(Class).size() == 1)
    return ThreadClass{0, "boost::thread"};
  llvm::StringRef Id = identifierOf(Class);
  if (Extra.empty() || Id.empty())
    return std::nullopt;
  // The qualified name is spelled only for the entries that may name it.
  std::string Name;
  for (const SpawnFunction &F : Extra) {
    if (!llvm::StringRef(F.Name).ends_with(Id))
      continue;
    if (Name.empty())
      Name = constructorName(Class);
    if (F.Name == Name)
      return ThreadClass{F.CallableIndex, F.Name};
  }
  return std::nullopt;
}

/// Whether \p Arg is an object of class \p Class (or derived from it): the
/// construction it starts is a copy or a move, not a new thread.
static bool isObjectOf(const Expr *Arg, const CXXRecordDecl *Class) {
  const CXXRecordDecl *ArgClass =
      Arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!ArgClass || !ArgClass->hasDefinition())
    return false;
  ArgClass = ArgClass->getDefinition();
  const CXXRecordDecl *Target = Class->getCanonicalDecl();
  return ArgClass->getCanonicalDecl() == Target ||
         ArgClass->isDerivedFrom(Class);
}

/// A thread constructed in place: by a container or an optional
/// (`workers.emplace_back(f)`, `slot.emplace(f)`,
/// `threads.try_emplace(key, f)`), or by `std::make_unique<std::thread>(f)`
/// and its kin.
std::optional<SpawnMatch>
SpawnRecognizer::matchInPlace(const CallExpr *Call) const {
  std::optional<InPlaceConstruction> In = getInPlaceConstruction(Call);
  if (!In)
    return std::nullopt;
  std::optional<ThreadClass> Thread = threadClass(In->Class);
  if (!Thread)
    return std::nullopt;
  unsigned First = In->First;
  unsigned NumArgs = Call->getNumArgs();
  if (First >= NumArgs ||
      (NumArgs - First == 1 && isObjectOf(Call->getArg(First), In->Class)) ||
      First + Thread->CallableIndex >= NumArgs)
    return std::nullopt;
  return oneArgument(Call->getArg(First + Thread->CallableIndex),
                     std::move(Thread->Boundary));
}

std::optional<SpawnMatch>
SpawnRecognizer::match(const CXXConstructExpr *Ctor) const {
  const CXXConstructorDecl *D = Ctor->getConstructor();
  if (!D || Ctor->getNumArgs() == 0 || D->isCopyOrMoveConstructor())
    return std::nullopt;
  std::optional<ThreadClass> Thread = threadClass(D->getParent());
  if (!Thread || Thread->CallableIndex >= Ctor->getNumArgs())
    return std::nullopt;
  return oneArgument(Ctor->getArg(Thread->CallableIndex),
                     std::move(Thread->Boundary));
}

/// The index of the first parameter of \p Fn's template that is a pack
/// (`Args &&...args`): where the arguments forwarded to a constructor
/// begin.
static std::optional<unsigned> packIndex(const FunctionDecl *Fn) {
  const FunctionDecl *Pattern = Fn->getTemplateInstantiationPattern();
  if (!Pattern)
    return std::nullopt;
  for (unsigned I = 0, N = Pattern->getNumParams(); I < N; ++I)
    if (Pattern->getParamDecl(I)->isParameterPack())
      return I;
  return std::nullopt;
}

/// The type a member typedef of \p Class names (`value_type`), or null.
static const CXXRecordDecl *memberTypeClass(const CXXRecordDecl *Class,
                                            llvm::StringRef Name) {
  if (!Class->hasDefinition())
    return nullptr;
  IdentifierInfo &II = Class->getASTContext().Idents.get(Name);
  for (const NamedDecl *D : Class->getDefinition()->lookup(&II))
    if (const auto *Typedef = dyn_cast<TypedefNameDecl>(D))
      return Typedef->getUnderlyingType()
          .getCanonicalType()
          ->getAsCXXRecordDecl();
  return nullptr;
}

std::optional<InPlaceConstruction>
getInPlaceConstruction(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return std::nullopt;
  llvm::StringRef Name = identifierOf(Callee);
  const CXXRecordDecl *Class = nullptr;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee)) {
    // A container or an optional: `value_type`, or the `mapped_type` of a
    // map's `try_emplace`.
    bool Mapped = Name == "try_emplace";
    if (!Mapped &&
        !llvm::is_contained({"emplace", "emplace_back", "emplace_front",
                             "emplace_after", "emplace_hint"},
                            Name))
      return std::nullopt;
    Class = memberTypeClass(Method->getParent(),
                            Mapped ? "mapped_type" : "value_type");
  } else {
    if (!Callee->isInStdNamespace() && !isInNamespace(Callee, "boost"))
      return std::nullopt;
    if (!llvm::is_contained({"make_unique", "make_shared", "allocate_shared"},
                            Name))
      return std::nullopt;
    const TemplateArgumentList *Args = Callee->getTemplateSpecializationArgs();
    if (!Args || Args->size() == 0 ||
        Args->get(0).getKind() != TemplateArgument::Type)
      return std::nullopt;
    Class = Args->get(0).getAsType().getCanonicalType()->getAsCXXRecordDecl();
  }
  std::optional<unsigned> First = packIndex(Callee);
  if (!Class || !First)
    return std::nullopt;
  return InPlaceConstruction{Class, *First};
}

/// Whether the class has a call operator of its own or from a base.
static bool hasCallOperator(const CXXRecordDecl *Class) {
  ASTContext &Ctx = Class->getASTContext();
  DeclarationName Call = Ctx.DeclarationNames.getCXXOperatorName(OO_Call);
  if (!Class->lookup(Call).empty())
    return true;
  return !Class->forallBases(
      [&](const CXXRecordDecl *Base) { return Base->lookup(Call).empty(); });
}

bool mayBeCallable(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isDependentType() || T->isFunctionType() ||
      T->isFunctionPointerType() || T->isMemberFunctionPointerType() ||
      T->isBlockPointerType())
    return true;
  if (T->isPointerType())
    T = T->getPointeeType().getCanonicalType();
  const CXXRecordDecl *Class = T->getAsCXXRecordDecl();
  if (!Class)
    return false;
  if (!Class->hasDefinition())
    return true;
  Class = Class->getDefinition();
  return Class->isLambda() || hasCallOperator(Class) ||
         isTaskObjectClass(Class) || isCTaskRecord(Class);
}

/// Spawning members of known libraries, then the pool heuristic.
std::optional<SpawnMatch>
SpawnRecognizer::matchMember(const CallExpr *Call,
                             const CXXMethodDecl *Method) const {
  const CXXRecordDecl *Class = Method->getParent();
  llvm::StringRef ClassName = identifierOf(Class);
  llvm::StringRef MethodName = identifierOf(Method);
  if (ClassName.empty() || MethodName.empty())
    return std::nullopt;
  std::string Qualified = (ClassName + "::" + MethodName).str();

  if (isInNamespace(Class, "tbb")) {
    bool Spawns =
        ((ClassName == "task_group" || ClassName == "structured_task_group") &&
         (MethodName == "run" || MethodName == "run_and_wait")) ||
        (ClassName == "task_arena" && MethodName == "enqueue");
    if (Spawns)
      return onReusedWorker(allArguments(Call, "tbb::" + Qualified));
    return std::nullopt;
  }
  if (isInNamespace(Class, "BS") && ClassName == "thread_pool") {
    if (llvm::is_contained({"submit_task", "detach_task", "submit_loop",
                            "detach_loop", "submit_blocks", "detach_blocks",
                            "submit_sequence", "detach_sequence", "push_task",
                            "submit", "push_loop", "parallelize_loop"},
                           MethodName))
      return onReusedWorker(allArguments(Call, "BS::" + Qualified));
    return std::nullopt;
  }
  if (Class->isInStdNamespace() || isInAsio(Class) || Pools.Classes.empty() ||
      Pools.Methods.empty())
    return std::nullopt;
  if (!Pools.Classes.matches(ClassName) || !Pools.Methods.matches(MethodName))
    return std::nullopt;
  // A queue of data (`Queue::Push(Node *)`) is not a pool: only arguments
  // that may be callables can run on it.
  SpawnMatch M;
  M.Boundary = Class->getQualifiedNameAsString() + "::" + MethodName.str();
  for (unsigned I = 0, N = Call->getNumArgs(); I < N; ++I) {
    const Expr *Arg = Call->getArg(I);
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    QualType T = I < Method->getNumParams() ? Method->getParamDecl(I)->getType()
                                            : Arg->getType();
    if (mayBeCallable(T))
      M.Callables.push_back(Arg);
  }
  if (M.Callables.empty())
    return std::nullopt;
  M.ReusedWorker = true;
  return M;
}

std::optional<SpawnMatch> SpawnRecognizer::match(const CallExpr *Call) const {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return std::nullopt;
  unsigned NumArgs = Call->getNumArgs();
  llvm::StringRef Name = identifierOf(Callee);

  if (isStdName(Callee, "async") && NumArgs > 0) {
    // std::async(policy, f, args...) or std::async(f, args...).
    const EnumDecl *Enum = Call->getArg(0)->getType()->getAsEnumDecl();
    if (Enum && Enum->getName() == "launch") {
      if (NumArgs < 2 || isDeferredPolicy(Call->getArg(0)))
        return std::nullopt;
      return oneArgument(Call->getArg(1), "std::async");
    }
    return oneArgument(Call->getArg(0), "std::async");
  }
  if (Callee->getDeclContext()->getRedeclContext()->isTranslationUnit() &&
      Name == "pthread_create" && NumArgs >= 3)
    return oneArgument(Call->getArg(2), "pthread_create");

  if (NumArgs > 0 && isInAsio(Callee) && !isa<CXXMethodDecl>(Callee)) {
    // Asio appends defaulted SFINAE parameters: count the written ones.
    while (NumArgs > 0 && isa<CXXDefaultArgExpr>(Call->getArg(NumArgs - 1)))
      --NumArgs;
    std::string Boundary =
        (isInNamespace(Callee, "boost") ? "boost::asio::" : "asio::") +
        Name.str();
    // The handler (completion token) is the last argument.
    // Every Asio executor runs its handlers from the run loop of threads
    // that run other handlers too: reused workers.
    if ((Name == "post" || Name == "defer") && NumArgs > 0)
      return onReusedWorker(oneArgument(Call->getArg(NumArgs - 1), Boundary));
    // co_spawn(executor, awaitable-or-function, token).
    if (Name == "co_spawn" && NumArgs >= 2)
      return onReusedWorker(oneArgument(Call->getArg(1), Boundary));
    // dispatch runs the handler inline when the caller already runs in the
    // target executor; it is a boundary only towards a thread pool.
    if (Name == "dispatch" && NumArgs >= 1 &&
        llvm::StringRef(Call->getArg(0)->getType().getAsString())
            .contains("thread_pool"))
      return onReusedWorker(oneArgument(Call->getArg(NumArgs - 1), Boundary));
    return std::nullopt;
  }

  if (isInNamespace(Callee, "tbb") && !isa<CXXMethodDecl>(Callee) &&
      llvm::is_contained({"parallel_for", "parallel_for_each",
                          "parallel_invoke", "parallel_reduce",
                          "parallel_deterministic_reduce", "parallel_scan"},
                         Name))
    return onReusedWorker(allArguments(Call, "tbb::" + Name.str()));

  // A member operator call counts the object as argument 0.
  unsigned Offset = 0;
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee))
    Offset = 1;
  if (std::optional<unsigned> Index = spawnedArgumentByAnnotation(Callee))
    if (*Index + Offset < NumArgs)
      return oneArgument(Call->getArg(*Index + Offset),
                         Callee->getQualifiedNameAsString());
  if (std::optional<SpawnMatch> M = matchInPlace(Call))
    return M;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee))
    if (Method->isInstance())
      if (std::optional<SpawnMatch> M = matchMember(Call, Method))
        return M;

  if (Extra.empty())
    return std::nullopt;
  // A virtual member is named by the function it overrides too
  // (`PosixEventEngine::Run` by `EventEngine::Run`).
  llvm::SmallVector<std::string, 2> Names;
  llvm::SmallVector<const FunctionDecl *, 2> Work = {Callee};
  while (!Work.empty() && Names.size() < 8) {
    const FunctionDecl *Fn = Work.pop_back_val();
    if (!identifierOf(Fn).empty() &&
        llvm::any_of(Extra, [&](const SpawnFunction &F) {
          return llvm::StringRef(F.Name).ends_with(identifierOf(Fn));
        }))
      Names.push_back(Fn->getQualifiedNameAsString());
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Fn))
      Work.append(Method->begin_overridden_methods(),
                  Method->end_overridden_methods());
  }
  for (const SpawnFunction &F : Extra)
    if (llvm::is_contained(Names, F.Name) &&
        F.CallableIndex + Offset < NumArgs) {
      SpawnMatch M =
          oneArgument(Call->getArg(F.CallableIndex + Offset), F.Name);
      // A configured spawn function runs on a reused worker when it is a
      // member of a class the pool heuristic calls pool-like, or the
      // framework says so.
      M.ReusedWorker = F.ReusedWorker;
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee))
        M.ReusedWorker |=
            !Pools.Classes.empty() &&
            Pools.Classes.matches(identifierOf(Method->getParent()));
      return M;
    }
  return std::nullopt;
}

} // namespace ctxloss
