//===--- ExplicitParameterFix.cpp - Thread the value through calls --------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/ExplicitParameterFix.h"
#include "checks/fixes/BodyScan.h"
#include "checks/fixes/EditSet.h"
#include "checks/fixes/LambdaEdits.h"
#include "checks/fixes/Spelling.h"
#include "checks/fixes/TaskCallable.h"
#include "checks/fixes/TypeTraits.h"
#include "clang-tidy/utils/DeclRefExprUtils.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ctxloss::fixes {

namespace {

using VarList = llvm::SmallVector<const VarDecl *, 2>;

/// Collects what the chains of one spawn's findings need, checks that all
/// of it can be edited, then makes the edits.
class ExplicitParameterBuilder {
public:
  ExplicitParameterBuilder(ASTContext &Ctx,
                           llvm::function_ref<const CallSiteIndex &()> Index)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Index(Index), Edits(SM) {}

  bool addFinding(const LostContext &F);
  bool check();
  bool emit();
  FixOption result() const;

private:
  bool decline(SourceLocation Loc, const llvm::Twine &Why);
  void addParameter(const FunctionDecl *Fn, const VarDecl *Var);
  bool checkFunction(const FunctionDecl *Def,
                     llvm::ArrayRef<const VarDecl *> Vars);
  bool checkLambda(const LambdaExpr *Lambda,
                   llvm::ArrayRef<const VarDecl *> Vars);
  bool checkVariableUses(const Stmt *Body, const VarDecl *Var,
                         SourceLocation At, const std::string &Who);
  const LambdaExpr *lambdaOf(const FunctionDecl *Caller) const;
  bool inScope(const FunctionDecl *Caller) const;
  bool callerHas(const FunctionDecl *Caller, const VarDecl *Var) const;
  bool needsDefault(const FunctionDecl *Def) const;
  std::string parameterText(const VarDecl *Var, bool WithDefault) const;
  bool emitFunction(const FunctionDecl *Def,
                    llvm::ArrayRef<const VarDecl *> Vars);
  bool rewriteQualifiedReads(const Stmt *Body, const VarDecl *Var);

  ASTContext &Ctx;
  const SourceManager &SM;
  llvm::function_ref<const CallSiteIndex &()> Index;
  EditSet Edits;
  /// Chain functions (their definitions) and the variables they take.
  llvm::MapVector<const FunctionDecl *, VarList> Params;
  /// Tasks written as lambdas and the variables they capture.
  llvm::MapVector<const LambdaExpr *, VarList> Captures;
  /// Spawns of a named function, which pass it the values.
  llvm::MapVector<const Expr *, const FunctionDecl *> SpawnArgs;
  /// The names of those functions in the spawns: not "address taken".
  llvm::SmallPtrSet<const Expr *, 2> SpawnedNames;
  bool Declined = false;
  std::string WhyNot;
  SourceLocation WhyNotLoc;
};

} // namespace

bool ExplicitParameterBuilder::decline(SourceLocation Loc,
                                       const llvm::Twine &Why) {
  Declined = true;
  if (WhyNot.empty() && !Why.isTriviallyEmpty()) {
    WhyNotLoc = Loc.isValid() ? SM.getExpansionLoc(Loc) : Loc;
    WhyNot = ("no explicit-parameter fix-it: " + Why).str();
  }
  return false;
}

static const FunctionDecl *definitionOf(const FunctionDecl *Fn) {
  const FunctionDecl *Def = Fn->getDefinition();
  return Def ? Def : Fn;
}

void ExplicitParameterBuilder::addParameter(const FunctionDecl *Fn,
                                            const VarDecl *Var) {
  VarList &Vars = Params[definitionOf(Fn)];
  if (!llvm::is_contained(Vars, Var))
    Vars.push_back(Var);
}

/// The function a callable argument names: `f`, `&f`, `&C::f`.
static const DeclRefExpr *namedFunction(const Expr *Arg) {
  const Expr *E = Arg->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    if (Unary->getOpcode() == UO_AddrOf)
      E = Unary->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref && isa<FunctionDecl>(Ref->getDecl()) ? Ref : nullptr;
}

/// Spawns that call the task with the arguments written after it.
static bool forwardsArguments(const SpawnSite &Spawn) {
  return llvm::is_contained(
      {"std::thread", "std::jthread", "std::async", "boost::thread"},
      Spawn.Boundary);
}

bool ExplicitParameterBuilder::addFinding(const LostContext &F) {
  const LangOptions &LO = Ctx.getLangOpts();
  if (!LO.CPlusPlus14)
    return decline({}, "");
  TaskCallable Task = findTaskCallable(F);
  if (!Task.Arg)
    return decline({}, "");
  SourceLocation At = Task.Arg->getBeginLoc();
  if (Task.NeedsFunctionPointer)
    return decline(At, "the task is passed as a function pointer, which "
                       "cannot take another argument");
  if (Task.Lambda) {
    if (!isEditableLambda(Task.Lambda))
      return decline(At, "the task is written in a macro");
    VarList &Vars = Captures[Task.Lambda];
    if (!llvm::is_contained(Vars, F.Var))
      Vars.push_back(F.Var);
  } else {
    const DeclRefExpr *Name = namedFunction(Task.Arg);
    if (!Name)
      return decline(At, "the task is neither a lambda nor a named function");
    if (!forwardsArguments(*F.Spawn))
      return decline(At, "'" + F.Spawn->Boundary +
                             "' does not pass more arguments to the task");
    SpawnedNames.insert(Name);
    SpawnArgs[F.Spawn->Call] = definitionOf(F.Entry);
    addParameter(F.Entry, F.Var);
  }
  for (const CallEdge *Edge : F.Path) {
    if (Edge->Through)
      return decline(Edge->Site->getBeginLoc(),
                     describeFunction(Edge->Callee) + " is called through '" +
                         Edge->Through->getQualifiedNameAsString() + "'");
    addParameter(Edge->Callee, F.Var);
  }
  return true;
}

bool ExplicitParameterBuilder::checkVariableUses(const Stmt *Body,
                                                 const VarDecl *Var,
                                                 SourceLocation At,
                                                 const std::string &Who) {
  std::string Name = "'" + Var->getName().str() + "'";
  VariableUses Uses = scanBody(Body, Var);
  if (Uses.SameName)
    return decline(Uses.SameName->getLocation(),
                   Who + " declares another " + Name);
  if (Uses.InNestedLambda)
    return decline(Uses.InNestedLambda->getLocation(),
                   Who + " reads " + Name + " inside a nested lambda");
  for (const VarDecl *Redecl : Var->redecls())
    if (Body && !clang::tidy::utils::decl_ref_expr::isOnlyUsedAsConst(
                    *Redecl, *Body, Ctx, /*Indirections=*/0))
      return decline(At, Who + " also writes " + Name);
  for (const DeclRefExpr *Ref : Uses.Refs)
    if (Ref->hasQualifier() &&
        (Ref->getBeginLoc().isMacroID() || Ref->getEndLoc().isMacroID()))
      return decline(Ref->getLocation(),
                     Who + " reads " + Name + " in a macro");
  return true;
}

bool ExplicitParameterBuilder::checkFunction(
    const FunctionDecl *Def, llvm::ArrayRef<const VarDecl *> Vars) {
  std::string Who = describeFunction(Def);
  SourceLocation At = Def->getLocation();
  const auto *Method = dyn_cast<CXXMethodDecl>(Def);
  if (Method && Method->getParent()->isLambda())
    return decline(At, "a lambda on the call chain cannot take another "
                       "parameter");
  if (Method && Method->isVirtual())
    return decline(At, Who + " is virtual");
  if (Def->isTemplated() || Def->getTemplateInstantiationPattern())
    return decline(At, Who + " is a template");
  if (!Def->getDeclName().isIdentifier() || isa<CXXConstructorDecl>(Def) ||
      isa<CXXDestructorDecl>(Def) || isa<CXXConversionDecl>(Def))
    return decline(At, Who + " is not called by name");
  if (Def->isVariadic())
    return decline(At, Who + " takes a variable number of arguments");
  if (Def->isMain())
    return decline(At, "'main' cannot take another parameter");
  for (const FunctionDecl *Redecl : Def->redecls()) {
    SourceLocation Loc = Redecl->getLocation();
    if (SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
      return decline(Loc, Who + " is declared in a system header");
    FunctionTypeLoc TL = Redecl->getFunctionTypeLoc();
    if (!TL || Loc.isMacroID() || TL.getRParenLoc().isMacroID() ||
        TL.getLParenLoc().isMacroID())
      return decline(Loc, Who + " is declared by a macro");
    if (Redecl->getNumParams() == 0) {
      // `f(void)`: nothing can follow the `void`.
      StringRef Inside = Lexer::getSourceText(
          CharSourceRange::getCharRange(TL.getLParenLoc().getLocWithOffset(1),
                                        TL.getRParenLoc()),
          SM, Ctx.getLangOpts());
      if (!Inside.trim().empty())
        return decline(Loc, Who + " is declared with '(void)'");
    }
  }
  for (const Expr *Use : Index().otherUsesOf(Def))
    if (!SpawnedNames.contains(Use))
      return decline(Use->getExprLoc(),
                     "the address of " + Who + " is taken here");
  for (const VarDecl *Var : Vars) {
    std::string Name = "'" + Var->getName().str() + "'";
    if (!isSpellableAnywhere(Var))
      return decline(At, Name + " is local to another function");
    if (!isCopyableValue(Var->getType()))
      return decline(At, Name + " cannot be copied");
    if (!SM.isBeforeInTranslationUnit(Var->getCanonicalDecl()->getLocation(),
                                      Def->getFirstDecl()->getLocation()))
      return decline(At, Name + " is declared after " + Who);
    for (const ParmVarDecl *Param : Def->parameters())
      if (Param->getIdentifier() && Param->getName() == Var->getName())
        return decline(Param->getLocation(),
                       Who + " already has a parameter named " + Name);
    if (!checkVariableUses(Def->getBody(), Var, At, Who))
      return false;
  }
  return true;
}

bool ExplicitParameterBuilder::checkLambda(
    const LambdaExpr *Lambda, llvm::ArrayRef<const VarDecl *> Vars) {
  SourceLocation At = Lambda->getBeginLoc();
  for (const VarDecl *Var : Vars) {
    std::string Name = "'" + Var->getName().str() + "'";
    if (lambdaDeclares(Lambda, Var->getName()))
      return decline(At, "the task already has a capture or parameter named " +
                             Name);
    if (!isCopyableValue(Var->getType()))
      return decline(At, Name + " cannot be copied");
    if (!checkVariableUses(Lambda->getBody(), Var, At, "the task"))
      return false;
  }
  return true;
}

bool ExplicitParameterBuilder::check() {
  for (const auto &[Lambda, Vars] : Captures)
    if (!checkLambda(Lambda, Vars))
      return false;
  for (const auto &[Def, Vars] : Params)
    if (!checkFunction(Def, Vars))
      return false;
  return true;
}

const LambdaExpr *
ExplicitParameterBuilder::lambdaOf(const FunctionDecl *Caller) const {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Caller);
  if (!Method || !Method->getParent()->isLambda())
    return nullptr;
  // The same lambda as written: a generic lambda's specializations and the
  // copies of a lambda in each instantiation of a template share it.
  for (const auto &[Lambda, Vars] : Captures)
    if (Lambda->getLambdaClass()->getLocation() ==
        Method->getParent()->getLocation())
      return Lambda;
  return nullptr;
}

bool ExplicitParameterBuilder::inScope(const FunctionDecl *Caller) const {
  return Caller && (Params.contains(definitionOf(Caller)) || lambdaOf(Caller));
}

bool ExplicitParameterBuilder::callerHas(const FunctionDecl *Caller,
                                         const VarDecl *Var) const {
  if (const LambdaExpr *Lambda = lambdaOf(Caller))
    return llvm::is_contained(Captures.find(Lambda)->second, Var);
  auto It = Params.find(definitionOf(Caller));
  return It != Params.end() && llvm::is_contained(It->second, Var);
}

bool ExplicitParameterBuilder::needsDefault(const FunctionDecl *Def) const {
  // Declared in a header: other translation units may call it.
  for (const FunctionDecl *Redecl : Def->redecls())
    if (!SM.isInMainFile(SM.getExpansionLoc(Redecl->getLocation())))
      return true;
  // A parameter after a defaulted one needs a default too.
  for (const ParmVarDecl *Param : Def->parameters())
    if (Param->hasDefaultArg())
      return true;
  for (const CallSiteIndex::CallSite &Site : Index().callsOf(Def))
    if (!inScope(Site.Caller))
      return true;
  return false;
}

std::string ExplicitParameterBuilder::parameterText(const VarDecl *Var,
                                                    bool WithDefault) const {
  QualType T = Var->getType().getUnqualifiedType();
  std::string Type = spellType(T, Ctx);
  std::string Name = Var->getName().str();
  std::string Text;
  if (passByConstReference(T))
    Text = "const " + Type + " &" + Name;
  else if (!Type.empty() && (Type.back() == '*' || Type.back() == '&'))
    Text = Type + Name;
  else
    Text = Type + " " + Name;
  if (WithDefault)
    Text += " = " + spellVariable(Var, /*Global=*/true);
  return Text;
}

static CharSourceRange tokenRangeAsChars(SourceRange R, const SourceManager &SM,
                                         const LangOptions &LO) {
  return Lexer::makeFileCharRange(CharSourceRange::getTokenRange(R), SM, LO);
}

bool ExplicitParameterBuilder::rewriteQualifiedReads(const Stmt *Body,
                                                     const VarDecl *Var) {
  for (const DeclRefExpr *Ref : scanBody(Body, Var).Refs) {
    if (!Ref->hasQualifier())
      continue;
    Edits.replace(
        tokenRangeAsChars(Ref->getSourceRange(), SM, Ctx.getLangOpts()),
        Var->getName());
  }
  return true;
}

bool ExplicitParameterBuilder::emitFunction(
    const FunctionDecl *Def, llvm::ArrayRef<const VarDecl *> Vars) {
  bool Default = needsDefault(Def);
  const FunctionDecl *First = Def->getFirstDecl();
  for (const FunctionDecl *Redecl : Def->redecls()) {
    std::string Text;
    bool HasParams = Redecl->getNumParams() > 0;
    for (const VarDecl *Var : Vars) {
      if (HasParams || !Text.empty())
        Text += ", ";
      Text += parameterText(Var, Default && Redecl == First);
    }
    Edits.insert(Redecl->getFunctionTypeLoc().getRParenLoc(), Text);
  }
  std::string Who = describeFunction(Def);
  for (const CallSiteIndex::CallSite &Site : Index().callsOf(Def)) {
    if (!inScope(Site.Caller))
      continue;
    const CallExpr *Call = Site.Call;
    if (Call->getRParenLoc().isMacroID())
      return decline(Call->getBeginLoc(),
                     "a call of " + Who + " is written in a macro");
    for (const Expr *Arg : Call->arguments())
      if (isa<CXXDefaultArgExpr>(Arg))
        return decline(Call->getBeginLoc(),
                       "a call of " + Who + " leaves out default arguments");
    std::string Text;
    bool HasArgs = Call->getNumArgs() > 0;
    for (const VarDecl *Var : Vars) {
      if (HasArgs || !Text.empty())
        Text += ", ";
      Text += callerHas(Site.Caller, Var) ? Var->getName().str()
                                          : spellVariable(Var, /*Global=*/true);
    }
    Edits.insert(Call->getRParenLoc(), Text);
  }
  for (const VarDecl *Var : Vars)
    rewriteQualifiedReads(Def->getBody(), Var);
  return true;
}

bool ExplicitParameterBuilder::emit() {
  for (const auto &[Def, Vars] : Params)
    if (!emitFunction(Def, Vars))
      return false;
  for (const auto &[Lambda, Vars] : Captures) {
    llvm::SmallVector<std::string, 2> Inits;
    for (const VarDecl *Var : Vars) {
      Inits.push_back(Var->getName().str() + " = " + spellVariable(Var));
      rewriteQualifiedReads(Lambda->getBody(), Var);
    }
    addCaptures(Lambda, Inits, Edits);
  }
  for (const auto &[Spawn, Entry] : SpawnArgs) {
    SourceLocation RParen;
    if (const auto *Call = dyn_cast<CallExpr>(Spawn))
      RParen = Call->getRParenLoc();
    else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Spawn))
      RParen = Ctor->getParenOrBraceRange().getEnd();
    if (RParen.isInvalid() || RParen.isMacroID())
      return decline(Spawn->getBeginLoc(), "the spawn is written in a macro");
    std::string Text;
    for (const VarDecl *Var : Params.find(Entry)->second)
      Text += ", " + spellVariable(Var);
    Edits.insert(RParen, Text);
  }
  return true;
}

FixOption ExplicitParameterBuilder::result() const {
  FixOption F;
  if (!Declined)
    F.Hints = Edits.hints();
  if (F.Hints.empty()) {
    F.WhyNot = WhyNot;
    F.WhyNotLoc = WhyNotLoc;
  }
  return F;
}

FixOption
buildExplicitParameterFix(llvm::ArrayRef<const LostContext *> Findings,
                          ASTContext &Ctx,
                          llvm::function_ref<const CallSiteIndex &()> Index) {
  ExplicitParameterBuilder Builder(Ctx, Index);
  for (const LostContext *F : Findings)
    if (!Builder.addFinding(*F))
      return Builder.result();
  if (Builder.check())
    Builder.emit();
  return Builder.result();
}

} // namespace ctxloss::fixes
