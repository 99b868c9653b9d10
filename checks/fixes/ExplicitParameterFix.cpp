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
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ctxloss::fixes {

namespace {

/// A variable a function or a lambda receives, and the name it has there.
struct Carried {
  const VarDecl *Var;
  std::string Name;
};
using CarriedList = llvm::SmallVector<Carried, 2>;

/// Collects what the chains of one spawn's findings need, checks that all
/// of it can be edited, names the new parameters, then makes the edits.
class ExplicitParameterBuilder {
public:
  ExplicitParameterBuilder(ASTContext &Ctx, const TUAnalysis &Analysis,
                           llvm::function_ref<const CallSiteIndex &()> Index)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Analysis(Analysis), Index(Index),
        Edits(SM) {}

  bool addFinding(const LostContext &F);
  bool check();
  bool emit();
  FixOption result() const;

private:
  bool decline(SourceLocation Loc, const llvm::Twine &Why);
  static void addVar(CarriedList &List, const VarDecl *Var);
  bool checkFunction(const FunctionDecl *Def, CarriedList &Vars);
  bool checkLambda(const LambdaExpr *Lambda, CarriedList &Vars);
  bool checkUses(const Stmt *Body, llvm::ArrayRef<const Decl *> Evaluated,
                 const VarDecl *Var, SourceLocation At, const std::string &Who);
  const CarriedList *carriedBy(const FunctionDecl *Caller) const;
  CarriedList *carriedBy(const FunctionDecl *Caller) {
    return const_cast<CarriedList *>(
        static_cast<const ExplicitParameterBuilder *>(this)->carriedBy(Caller));
  }
  void propagate();
  bool needsDefault(const FunctionDecl *Def) const;
  std::string parameterText(const FunctionDecl *Redecl, const Carried &C,
                            bool WithDefault) const;
  bool emitFunction(const FunctionDecl *Def, const CarriedList &Vars);
  void rewriteReads(const Stmt *Body, const Carried &C);

  ASTContext &Ctx;
  const SourceManager &SM;
  const TUAnalysis &Analysis;
  llvm::function_ref<const CallSiteIndex &()> Index;
  EditSet Edits;
  /// Chain functions (their definitions) and the variables they take.
  llvm::MapVector<const FunctionDecl *, CarriedList> Params;
  /// Tasks written as lambdas and the variables they capture.
  llvm::MapVector<const LambdaExpr *, CarriedList> Captures;
  /// The call operators the findings run for each lambda: a generic
  /// lambda's specializations, whose bodies are not dependent.
  llvm::DenseMap<const LambdaExpr *, llvm::SmallVector<const Decl *, 1>>
      LambdaEntries;
  /// Spawns of a named function, which pass it the values.
  llvm::MapVector<const Stmt *, const FunctionDecl *> SpawnArgs;
  /// The names of those functions in the spawns: not "address taken".
  llvm::SmallPtrSet<const Expr *, 2> SpawnedNames;
  bool Declined = false;
  std::string WhyNot;
  SourceLocation WhyNotLoc;
};

} // namespace

/// Longer chains are better threaded by hand (or carried with
/// copy-and-run): an edit of dozens of signatures is not a quick fix.
static constexpr size_t MaxChainCalls = 16;

static const FunctionDecl *definitionOf(const FunctionDecl *Fn) {
  const FunctionDecl *Def = Fn->getDefinition();
  return Def ? Def : Fn;
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

static CharSourceRange fileCharRange(SourceRange R, const ASTContext &Ctx) {
  return Lexer::makeFileCharRange(CharSourceRange::getTokenRange(R),
                                  Ctx.getSourceManager(), Ctx.getLangOpts());
}

bool ExplicitParameterBuilder::decline(SourceLocation Loc,
                                       const llvm::Twine &Why) {
  Declined = true;
  if (WhyNot.empty() && !Why.isTriviallyEmpty()) {
    WhyNotLoc = Loc.isValid() ? SM.getExpansionLoc(Loc) : Loc;
    WhyNot = ("no explicit-parameter fix-it: " + Why).str();
  }
  return false;
}

void ExplicitParameterBuilder::addVar(CarriedList &List, const VarDecl *Var) {
  for (const Carried &C : List)
    if (C.Var == Var)
      return;
  List.push_back({Var, ""});
}

bool ExplicitParameterBuilder::addFinding(const LostContext &F) {
  if (!Ctx.getLangOpts().CPlusPlus14)
    return decline({}, "");
  if (const Profile *P = F.profile())
    return decline(getReadLoc(*F.Read),
                   P->Description + " is read through its library's API, "
                                    "not a variable to pass down");
  if (F.Read->External)
    return decline(getReadLoc(*F.Read),
                   "the call chain goes on in another file");
  if (F.Read->Accessor)
    return decline(getReadLoc(*F.Read),
                   "the value is read through '" +
                       F.Read->Accessor->getQualifiedNameAsString() +
                       "', not by name");
  if (!isThreadLocal(F.var()))
    return decline(getReadLoc(*F.Read),
                   "the value is read through its key or wrapper, not by "
                   "name");
  if (F.Read->DefaultArg)
    return decline(F.Read->DefaultArg->getUsedLocation(),
                   "the value is read in a default argument");
  if (F.Path.size() > MaxChainCalls)
    return decline(getReadLoc(*F.Read),
                   "the call chain down to the read has " +
                       llvm::Twine(F.Path.size()) + " calls (at most " +
                       llvm::Twine(MaxChainCalls) + " are threaded)");
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
    addVar(Captures[Task.Lambda], F.var());
    auto &Entries = LambdaEntries[Task.Lambda];
    if (!llvm::is_contained(Entries, F.Task.Entry))
      Entries.push_back(F.Task.Entry);
  } else {
    const DeclRefExpr *Name = namedFunction(Task.Arg);
    if (!Name)
      return decline(At, "the task is neither a lambda nor a named function");
    if (!forwardsArguments(*F.Spawn))
      return decline(At, "'" + F.Spawn->Boundary +
                             "' does not pass more arguments to the task");
    const auto *EntryFn = dyn_cast<FunctionDecl>(F.Task.Entry);
    if (!EntryFn)
      return decline(At, "the task is not a function");
    SpawnedNames.insert(Name);
    SpawnArgs[F.Spawn->Call] = definitionOf(EntryFn);
    addVar(Params[definitionOf(EntryFn)], F.var());
  }
  for (const CallEdge *Edge : F.Path) {
    if (Edge->Through)
      return decline(Edge->Site->getBeginLoc(),
                     describeFunction(Edge->Callee) + " is called through '" +
                         Edge->Through->getQualifiedNameAsString() + "'");
    addVar(Params[definitionOf(Edge->Callee)], F.var());
  }
  return true;
}

/// \p Body is the code as written, \p Evaluated the functions that run it
/// (the same, or a generic lambda's specializations), whose summaries say
/// whether they write the variable.
bool ExplicitParameterBuilder::checkUses(const Stmt *Body,
                                         llvm::ArrayRef<const Decl *> Evaluated,
                                         const VarDecl *Var, SourceLocation At,
                                         const std::string &Who) {
  std::string Name = "'" + Var->getName().str() + "'";
  VariableUses Uses = scanBody(Body, Var);
  if (Uses.InNestedLambda)
    return decline(Uses.InNestedLambda->getLocation(),
                   llvm::Twine(Who) + " reads " + Name +
                       " inside a nested lambda");
  for (const Decl *Code : Evaluated) {
    const FunctionSummary *S = Analysis.summaryOf(Code);
    if (!S || S->writes(Var))
      return decline(At, llvm::Twine(Who) + " also writes " + Name);
  }
  for (const DeclRefExpr *Ref : Uses.Refs)
    if (fileCharRange(Ref->getSourceRange(), Ctx).isInvalid() ||
        Ref->getBeginLoc().isMacroID())
      return decline(Ref->getLocation(),
                     llvm::Twine(Who) + " reads " + Name + " in a macro");
  return true;
}

bool ExplicitParameterBuilder::checkFunction(const FunctionDecl *Def,
                                             CarriedList &Vars) {
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
  llvm::StringSet<> Taken;
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
    for (const auto &Name : identifiersIn(Redecl->getSourceRange(), Ctx))
      Taken.insert(Name.getKey());
  }
  for (const Expr *Use : Index().otherUsesOf(Def))
    if (!SpawnedNames.contains(Use))
      return decline(Use->getExprLoc(),
                     "the address of " + Who + " is taken here");
  for (Carried &C : Vars) {
    std::string Name = "'" + C.Var->getName().str() + "'";
    if (!isSpellableAnywhere(C.Var))
      return decline(At, Name + " is local to another function");
    if (!isCopyableValue(C.Var->getType()))
      return decline(At, Name + " cannot be copied");
    if (!SM.isBeforeInTranslationUnit(C.Var->getCanonicalDecl()->getLocation(),
                                      Def->getFirstDecl()->getLocation()))
      return decline(At, llvm::Twine(Name) + " is declared after " + Who);
    const Stmt *Body = Def->getBody();
    if (!Body || !checkUses(Body, Def, C.Var, At, Who))
      return false;
    C.Name = uniqueName("ctx_" + C.Var->getName().str(), Taken);
  }
  return true;
}

bool ExplicitParameterBuilder::checkLambda(const LambdaExpr *Lambda,
                                           CarriedList &Vars) {
  SourceLocation At = Lambda->getBeginLoc();
  llvm::StringSet<> Taken = identifiersIn(Lambda->getSourceRange(), Ctx);
  for (Carried &C : Vars) {
    if (!isCopyableValue(C.Var->getType()))
      return decline(At, "'" + C.Var->getName() + "' cannot be copied");
    if (!checkUses(Lambda->getBody(), LambdaEntries.lookup(Lambda), C.Var, At,
                   "the task"))
      return false;
    C.Name = uniqueName("ctx_" + C.Var->getName().str(), Taken);
  }
  return true;
}

/// A function on a task's path that calls a function taking a variable
/// runs on the task's thread too: it takes the variable as well, rather than
/// read it there. Repeats until nothing changes.
void ExplicitParameterBuilder::propagate() {
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (auto &[Def, Vars] : Params) {
      for (const CallSiteIndex::CallSite &Site : Index().callsOf(Def)) {
        CarriedList *Has = carriedBy(Site.Caller);
        if (!Has || Has == &Vars)
          continue;
        for (const Carried &C : Vars) {
          size_t Before = Has->size();
          addVar(*Has, C.Var);
          Changed |= Has->size() != Before;
        }
      }
    }
  }
}

bool ExplicitParameterBuilder::check() {
  propagate();
  for (auto &[Lambda, Vars] : Captures)
    if (!checkLambda(Lambda, Vars))
      return false;
  for (auto &[Def, Vars] : Params)
    if (!checkFunction(Def, Vars))
      return false;
  return true;
}

const CarriedList *
ExplicitParameterBuilder::carriedBy(const FunctionDecl *Caller) const {
  if (!Caller)
    return nullptr;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Caller);
      Method && Method->getParent()->isLambda()) {
    // The same lambda as written: a generic lambda's specializations and
    // the copies of a lambda in each instantiation of a template share it.
    for (const auto &[Lambda, Vars] : Captures)
      if (Lambda->getLambdaClass()->getLocation() ==
          Method->getParent()->getLocation())
        return &Vars;
    return nullptr;
  }
  const auto *It = Params.find(definitionOf(Caller));
  return It == Params.end() ? nullptr : &It->second;
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
  return llvm::any_of(Index().callsOf(Def),
                      [&](const CallSiteIndex::CallSite &Site) {
                        return !carriedBy(Site.Caller);
                      });
}

std::string ExplicitParameterBuilder::parameterText(const FunctionDecl *Redecl,
                                                    const Carried &C,
                                                    bool WithDefault) const {
  QualType T = C.Var->getType().getUnqualifiedType();
  std::string Type = spellType(T, Ctx);
  std::string Text;
  if (passByConstReference(T))
    Text = "const " + Type + " &" + C.Name;
  else if (!Type.empty() && Type.back() == '*')
    Text = Type + C.Name;
  else
    Text = Type + " " + C.Name;
  if (WithDefault) {
    llvm::StringSet<> ParamNames;
    for (const ParmVarDecl *Param : Redecl->parameters())
      if (Param->getIdentifier())
        ParamNames.insert(Param->getName());
    Text += " = " + spellVariableAvoiding(C.Var, ParamNames);
  }
  return Text;
}

void ExplicitParameterBuilder::rewriteReads(const Stmt *Body,
                                            const Carried &C) {
  for (const DeclRefExpr *Ref : scanBody(Body, C.Var).Refs)
    Edits.replace(fileCharRange(Ref->getSourceRange(), Ctx), C.Name);
}

bool ExplicitParameterBuilder::emitFunction(const FunctionDecl *Def,
                                            const CarriedList &Vars) {
  bool Default = needsDefault(Def);
  const FunctionDecl *First = Def->getFirstDecl();
  for (const FunctionDecl *Redecl : Def->redecls()) {
    std::string Text;
    bool HasParams = Redecl->getNumParams() > 0;
    for (const Carried &C : Vars) {
      if (HasParams || !Text.empty())
        Text += ", ";
      Text += parameterText(Redecl, C, Default && Redecl == First);
    }
    Edits.insert(Redecl->getFunctionTypeLoc().getRParenLoc(), Text);
  }
  std::string Who = describeFunction(Def);
  for (const CallSiteIndex::CallSite &Site : Index().callsOf(Def)) {
    const CarriedList *Has = carriedBy(Site.Caller);
    if (!Has)
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
    for (const Carried &C : Vars) {
      if (HasArgs || !Text.empty())
        Text += ", ";
      // The caller's own copy of the value, or the original read.
      const Carried *Own = nullptr;
      for (const Carried &H : *Has)
        if (H.Var == C.Var)
          Own = &H;
      Text += Own ? Own->Name : spellVariable(C.Var);
    }
    Edits.insert(Call->getRParenLoc(), Text);
  }
  for (const Carried &C : Vars)
    rewriteReads(Def->getBody(), C);
  return true;
}

bool ExplicitParameterBuilder::emit() {
  for (const auto &[Def, Vars] : Params)
    if (!emitFunction(Def, Vars))
      return false;
  for (const auto &[Lambda, Vars] : Captures) {
    llvm::SmallVector<std::string, 2> Inits;
    for (const Carried &C : Vars) {
      Inits.push_back(C.Name + " = " + spellVariable(C.Var));
      rewriteReads(Lambda->getBody(), C);
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
    for (const Carried &C : Params.find(Entry)->second)
      Text += ", " + spellVariable(C.Var);
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
                          ASTContext &Ctx, const TUAnalysis &Analysis,
                          llvm::function_ref<const CallSiteIndex &()> Index) {
  ExplicitParameterBuilder Builder(Ctx, Analysis, Index);
  for (const LostContext *F : Findings)
    if (!Builder.addFinding(*F))
      return Builder.result();
  if (Builder.check())
    Builder.emit();
  return Builder.result();
}

} // namespace ctxloss::fixes
