//===--- CTasks.cpp - Tasks made of a function pointer and its data -------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/CTasks.h"
#include "checks/analysis/CallableResolver.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include <optional>

using namespace clang;

namespace ctxloss {

static bool isFunctionPointerField(const FieldDecl *Field) {
  return Field && Field->getType()->isFunctionPointerType();
}

bool isCTaskRecord(const RecordDecl *Record) {
  if (!Record)
    return false;
  Record = Record->getDefinition();
  if (!Record || Record->isInvalidDecl() || Record->isUnion() ||
      Record->isLambda() || Record->isInStdNamespace())
    return false;
  // A function object (`std::bind`'s result holds a function pointer too)
  // runs its call operator.
  if (const auto *Class = dyn_cast<CXXRecordDecl>(Record)) {
    DeclarationName Call =
        Class->getASTContext().DeclarationNames.getCXXOperatorName(OO_Call);
    if (!Class->lookup(Call).empty())
      return false;
  }
  return llvm::any_of(Record->fields(), isFunctionPointerField);
}

static const RecordDecl *recordOf(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const RecordDecl *Record = T->getAsRecordDecl();
  return isCTaskRecord(Record) ? Record->getDefinition() : nullptr;
}

static const Expr *strip(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Next)) {
      Next = Cleanups->getSubExpr();
    } else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Next)) {
      Next = Temp->getSubExpr();
    } else if (const auto *Literal = dyn_cast<CompoundLiteralExpr>(Next)) {
      Next = Literal->getInitializer();
    } else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Next)) {
      Next = Cast->getSubExpr();
    } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Next)) {
      if (Ctor->getNumArgs() == 1 && Ctor->getConstructor() &&
          Ctor->getConstructor()->isCopyOrMoveConstructor())
        Next = Ctor->getArg(0);
    }
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

/// The function pointers an aggregate initialiser stores.
static void fromInitList(const InitListExpr *Init,
                         llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  if (const InitListExpr *Syntactic = Init->getSemanticForm())
    Init = Syntactic;
  const RecordDecl *Record = Init->getType()->getAsRecordDecl();
  if (!Record || !Record->getDefinition())
    return;
  unsigned I = 0;
  for (const FieldDecl *Field : Record->getDefinition()->fields()) {
    if (I >= Init->getNumInits())
      break;
    const Expr *Value = Init->getInit(I++);
    if (isFunctionPointerField(Field) && Value &&
        !isa<ImplicitValueInitExpr>(Value))
      resolveCallable(Value, Out);
  }
}

/// The parameter of \p Fn that its body stores into a function pointer
/// member (`closure->cb = cb;`), itself or through another such function
/// it hands the parameter to: an initialiser of C-style tasks (gRPC's
/// `grpc_closure_init`, `grpc_closure_create`).
static std::optional<unsigned> getStoredFunctionParam(const FunctionDecl *Fn,
                                                      unsigned Depth) {
  const FunctionDecl *Def = Fn ? getDefinitionWithBody(Fn) : nullptr;
  if (!Def || Depth > 2 || Def->isDependentContext())
    return std::nullopt;
  auto ParamIndex = [&](const Expr *E) -> std::optional<unsigned> {
    const auto *Ref = dyn_cast<DeclRefExpr>(strip(E));
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (!Param || Param->getDeclContext() != Def)
      return std::nullopt;
    return Param->getFunctionScopeIndex();
  };
  std::optional<unsigned> Found;
  llvm::SmallVector<const Stmt *, 16> Work = {Def->getBody()};
  while (!Work.empty() && !Found) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *Op = dyn_cast<BinaryOperator>(S);
        Op && Op->getOpcode() == BO_Assign) {
      const auto *Member = dyn_cast<MemberExpr>(Op->getLHS()->IgnoreParens());
      if (Member &&
          isFunctionPointerField(dyn_cast<FieldDecl>(Member->getMemberDecl())))
        Found = ParamIndex(Op->getRHS());
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (std::optional<unsigned> Inner =
              getStoredFunctionParam(Call->getDirectCallee(), Depth + 1);
          Inner && *Inner < Call->getNumArgs())
        Found = ParamIndex(Call->getArg(*Inner));
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return Found;
}

namespace {
/// Assignments `var.fn = f` / `var->fn = f` to a function pointer member.
class FieldStores : public RecursiveASTVisitor<FieldStores> {
public:
  FieldStores(const VarDecl *Var,
              llvm::SmallVectorImpl<const FunctionDecl *> &Out)
      : Var(Var), Out(Out) {}

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->getOpcode() != BO_Assign)
      return true;
    const auto *Member = dyn_cast<MemberExpr>(Op->getLHS()->IgnoreParens());
    if (!Member ||
        !isFunctionPointerField(dyn_cast<FieldDecl>(Member->getMemberDecl())))
      return true;
    const auto *Base =
        dyn_cast<DeclRefExpr>(Member->getBase()->IgnoreParenImpCasts());
    if (Base && Base->getDecl() == Var)
      resolveCallable(Op->getRHS(), Out);
    return true;
  }
  /// `GRPC_CLOSURE_INIT(&c, fn, arg, nullptr)` on the variable.
  bool VisitCallExpr(CallExpr *Call);
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

private:
  const VarDecl *Var;
  llvm::SmallVectorImpl<const FunctionDecl *> &Out;
};
} // namespace

static void fromVariable(const VarDecl *Var,
                         llvm::SmallVectorImpl<const FunctionDecl *> &Out,
                         unsigned Depth);

namespace {
/// The functions the main file stores into a task struct held in member
/// \p Field of some object: through an initialiser
/// (`GRPC_CLOSURE_INIT(&lock->offload, offload, lock, nullptr)`) or an
/// assignment to its function pointer (`obj->done.fn = finish;`).
class MemberTaskStores : public RecursiveASTVisitor<MemberTaskStores> {
public:
  MemberTaskStores(const FieldDecl *Field,
                   llvm::SmallVectorImpl<const FunctionDecl *> &Out)
      : Field(Field->getCanonicalDecl()), Out(Out) {}

  bool VisitCallExpr(CallExpr *Call) {
    // The struct is one of the arguments, the function another.
    if (llvm::none_of(Call->arguments(),
                      [&](const Expr *Arg) { return designatesField(Arg); }))
      return true;
    std::optional<unsigned> Stored =
        getStoredFunctionParam(Call->getDirectCallee(), 0);
    if (Stored && *Stored < Call->getNumArgs() &&
        !designatesField(Call->getArg(*Stored)))
      resolveCallable(Call->getArg(*Stored), Out);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->getOpcode() != BO_Assign)
      return true;
    const auto *Member = dyn_cast<MemberExpr>(Op->getLHS()->IgnoreParens());
    if (Member &&
        isFunctionPointerField(dyn_cast<FieldDecl>(Member->getMemberDecl())) &&
        designatesField(Member->getBase()))
      resolveCallable(Op->getRHS(), Out);
    return true;
  }

private:
  bool designatesField(const Expr *E) const {
    E = strip(E);
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_AddrOf)
      E = strip(Unary->getSubExpr());
    const auto *Member = dyn_cast<MemberExpr>(E);
    const auto *Decl =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    return Decl && Decl->getCanonicalDecl() == Field;
  }

  const FieldDecl *Field;
  llvm::SmallVectorImpl<const FunctionDecl *> &Out;
};
} // namespace

/// A task struct held in a member: what the main file stores into that
/// member anywhere, when that is one function (several would be a guess).
static void fromField(const FieldDecl *Field,
                      llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  ASTContext &Ctx = Field->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallVector<const FunctionDecl *, 2> Found;
  MemberTaskStores Visitor(Field, Found);
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      Visitor.TraverseDecl(D);
  llvm::SmallVector<const FunctionDecl *, 2> Distinct;
  for (const FunctionDecl *Fn : Found)
    if (!llvm::is_contained(Distinct, Fn->getCanonicalDecl()))
      Distinct.push_back(Fn->getCanonicalDecl());
  if (Distinct.size() == 1)
    Out.push_back(Found.front());
}

static void fromObject(const Expr *E,
                       llvm::SmallVectorImpl<const FunctionDecl *> &Out,
                       unsigned Depth) {
  if (!E || Depth > 3)
    return;
  E = strip(E);
  if (const auto *Init = dyn_cast<InitListExpr>(E)) {
    fromInitList(Init, Out);
  } else if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
    if (Unary->getOpcode() == UO_AddrOf || Unary->getOpcode() == UO_Deref)
      fromObject(Unary->getSubExpr(), Out, Depth + 1);
  } else if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
    fromObject(New->getInitializer(), Out, Depth + 1);
  } else if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      fromVariable(Var, Out, Depth);
  } else if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      fromField(Field, Out);
  } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
    // An initialiser returning the struct it fills in
    // (`Executor::Run(GRPC_CLOSURE_INIT(&c, fn, arg, nullptr), ...)`).
    if (std::optional<unsigned> Stored =
            getStoredFunctionParam(Call->getDirectCallee(), 0);
        Stored && *Stored < Call->getNumArgs())
      resolveCallable(Call->getArg(*Stored), Out);
  }
}

bool FieldStores::VisitCallExpr(CallExpr *Call) {
  auto IsVar = [&](const Expr *Arg) {
    const Expr *E = strip(Arg);
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_AddrOf)
      E = strip(Unary->getSubExpr());
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    return Ref && Ref->getDecl() == Var;
  };
  if (llvm::none_of(Call->arguments(), IsVar))
    return true;
  std::optional<unsigned> Stored =
      getStoredFunctionParam(Call->getDirectCallee(), 0);
  if (Stored && *Stored < Call->getNumArgs() && !IsVar(Call->getArg(*Stored)))
    resolveCallable(Call->getArg(*Stored), Out);
  return true;
}

static void fromVariable(const VarDecl *Var,
                         llvm::SmallVectorImpl<const FunctionDecl *> &Out,
                         unsigned Depth) {
  if (isa<ParmVarDecl>(Var) || !Var->hasLocalStorage() || Var->isInvalidDecl())
    return;
  if (Var->hasInit())
    fromObject(Var->getInit(), Out, Depth + 1);
  const auto *Fn = dyn_cast<FunctionDecl>(Var->getDeclContext());
  if (Fn && Fn->hasBody() && !Fn->isDependentContext())
    FieldStores(Var, Out).TraverseStmt(Fn->getBody());
}

bool resolveCTask(const Expr *E,
                  llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  if (!E || E->isTypeDependent() || !recordOf(E->getType()))
    return false;
  // A class with a call operator or a virtual entry is a function object
  // or a task object first.
  if (const auto *Class = dyn_cast<CXXRecordDecl>(recordOf(E->getType())))
    if (Class->isPolymorphic())
      return false;
  size_t Before = Out.size();
  fromObject(E, Out, 0);
  // Each function once.
  for (size_t I = Out.size(); I-- > Before;)
    if (llvm::is_contained(llvm::ArrayRef(Out).take_front(I), Out[I]))
      Out.erase(Out.begin() + I);
  return true;
}

} // namespace ctxloss
