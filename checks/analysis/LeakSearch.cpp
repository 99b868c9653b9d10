//===--- LeakSearch.cpp - Context left set by tasks on reused workers -----===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/LeakSearch.h"
#include "checks/analysis/OverwrittenLeaks.h"
#include "checks/analysis/SavedValues.h"
#include "checks/analysis/ThrowAnalysis.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/bit.h"
#include <map>

using namespace clang;

namespace ctxloss {

/// Whether \p E is the initial value of per-thread state: null, zero,
/// false, an empty string literal, or a value-initialised object.
static bool isInitialValue(const Expr *E, const ASTContext &Ctx) {
  E = stripValue(E);
  if (!E || E->isValueDependent())
    return false;
  if (E->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                               Expr::NPC_ValueDependentIsNotNull))
    return true;
  if (const auto *Literal = dyn_cast<StringLiteral>(E))
    return Literal->getLength() == 0;
  if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E))
    return Ctor->getNumArgs() == 0;
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return List->getNumInits() == 0;
  if (isa<CXXScalarValueInitExpr, ImplicitValueInitExpr>(E))
    return true;
  Expr::EvalResult Result;
  if (E->getType()->isIntegralOrEnumerationType() &&
      E->EvaluateAsInt(Result, Ctx))
    return Result.Val.getInt().isZero();
  return false;
}

static llvm::StringRef memberName(const Stmt *At) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(At);
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  return Method && Method->getIdentifier() ? Method->getName()
                                           : llvm::StringRef();
}

/// The string literal a profile call names its key with (`MDC::put("k",
/// v)`), or null.
static const StringLiteral *keyLiteral(const Stmt *At) {
  const auto *Call = dyn_cast<CallExpr>(At);
  if (!Call || Call->getNumArgs() == 0)
    return nullptr;
  const Expr *Arg = stripValue(Call->getArg(0));
  while (const auto *Ctor = dyn_cast_or_null<CXXConstructExpr>(Arg)) {
    if (Ctor->getNumArgs() == 0)
      return nullptr;
    Arg = stripValue(Ctor->getArg(0));
  }
  return dyn_cast_or_null<StringLiteral>(Arg);
}

bool isSetPoint(const ContextWrite &W, const ProfileMatcher &Matcher) {
  if (W.Ends || W.PerThreadInit)
    return false;
  // A scope object: a guard, `ctxloss::scoped_value`, a kept token.
  if (isa<CXXConstructExpr>(W.At))
    return false;
  if (const auto *Assign = dyn_cast<BinaryOperator>(W.At))
    return Assign->getOpcode() == BO_Assign;
  if (isa<UnaryOperator>(W.At))
    return false;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(W.At))
    return Op->getOperator() == OO_Equal;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(W.At)) {
    llvm::StringRef Name = memberName(Member);
    // Replacing the value; growing a buffer or a counter is not.
    return llvm::is_contained(
               {"assign", "emplace", "set", "Set", "store", "exchange", "swap"},
               Name) ||
           (Name == "reset" && Member->getNumArgs() > 0);
  }
  if (const auto *Call = dyn_cast<CallExpr>(W.At)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    // A kept guard call (`auto token = RuntimeContext::Attach(ctx)`) lasts
    // for its scope.
    return !(W.Scope && Callee && Matcher.isGuardCall(Callee));
  }
  return false;
}

class LeakSearch {
public:
  LeakSearch(const TUAnalysis &A, const LeakOptions &Options)
      : A(A), Ctx(&A.astContext()), SM(Ctx->getSourceManager()),
        Matcher(A.profileMatcher()), Throws(Options.AnyCallMayThrow) {}

  std::vector<LeakedContext> run();
  void collect(const FunctionSummary &S, llvm::ArrayRef<ContextKey> Keys,
               llvm::SmallVectorImpl<ExportedLeak> &Out,
               llvm::SmallVectorImpl<TakenBack> &Back);
  bool keepsSet(const FunctionSummary &S, ContextKey Key, const Stmt *Site);
  void undone(const FunctionSummary &S, llvm::ArrayRef<ContextKey> Keys,
              llvm::SmallVectorImpl<ContextKey> &Out);

private:
  /// How one function leaves a context set: its set point (a write, or a
  /// call to a function that leaves it set) and the way out.
  struct FunctionLeak {
    bool Computed = false;
    bool Leaks = false;
    const ContextWrite *Write = nullptr;
    const CallEdge *Call = nullptr;
    const Stmt *Exit = nullptr;
  };
  struct FunctionCFG {
    std::unique_ptr<CFG> Graph;
    llvm::DenseMap<const Stmt *, std::pair<const CFGBlock *, unsigned>>
        Position;
    /// Each try statement's dispatch block, whose successors are its
    /// handlers (and, without a catch-all, the way further out).
    llvm::SmallVector<std::pair<const CXXTryStmt *, const CFGBlock *>, 0> Tries;
  };

  const FunctionLeak *leakOf(const Decl *Fn, ContextKey Key);
  FunctionCFG *getCFG(const Decl *Fn);
  bool contains(const Stmt *Outer, const Stmt *Inner) const;
  bool isSavedFrom(const FunctionSummary &S, ContextKey Key,
                   const Expr *Init) const;
  bool isSavedValue(const FunctionSummary &S, ContextKey Key,
                    const Expr *Value);
  /// The function defined elsewhere whose result the local variable
  /// \p Value holds (`prev = GetX();`), or null: whether it reads the
  /// context, only the program can tell.
  const Decl *savedFromElsewhere(const FunctionSummary &S, const Expr *Value);
  /// The function the call \p At calls, or null.
  const Decl *setterAt(const FunctionSummary &S, const Stmt *At) const;
  bool isSavedMember(const FieldDecl *Field, ContextKey Key);
  bool restoresOnDestruction(const CXXRecordDecl *Class, ContextKey Key);
  bool isUnderLocalScope(const FunctionSummary &S, ContextKey Key,
                         const Stmt *Set);
  bool isKill(const FunctionSummary &S, ContextKey Key, const Stmt *Set,
              const Stmt *At);
  bool undoes(const FunctionDecl *Fn, ContextKey Key);
  bool isUnderGuard(const FunctionSummary &S, ContextKey Key, const Stmt *Set);
  /// The way out of \p S's function that a path from \p Set reaches
  /// without a restore: true and \p Exit set when there is one.
  /// With \p Crossed: the whole region after \p Set up to the restores is
  /// searched, and the calls of functions defined elsewhere in it are
  /// collected there.
  /// With \p Blocked: the calls of those functions defined elsewhere stop
  /// a path as a restore would.
  /// A call of a function defined elsewhere, as the program's link sees
  /// it: the callee, and when its value was saved from a call of another
  /// one (`SetX(prev)` after `prev = GetX()`), that one; a branch where the
  /// saved value equals the value set (`if (prev != v)`) crosses the set's
  /// callee (null for a write of the context itself) with the getter.
  using Crossing = std::pair<const Decl *, const Decl *>;
  bool findExit(const FunctionSummary &S, ContextKey Key, const Stmt *Set,
                const Stmt *&Exit,
                llvm::SmallVectorImpl<Crossing> *Crossed = nullptr,
                const llvm::DenseSet<Crossing> *Blocked = nullptr);
  /// The ways \p Set, in \p S, leaves \p Key set past the functions
  /// defined elsewhere that it calls after it, for the program summary.
  /// False when no path out leaves it set.
  bool addWitnesses(const FunctionSummary &S, ContextKey Key, const Stmt *Set,
                    const Decl *Via, llvm::SmallVectorImpl<ExportedLeak> &Out);

  const TUAnalysis &A;
  ASTContext *Ctx;
  const SourceManager &SM;
  const ProfileMatcher &Matcher;
  ThrowAnalysis Throws;
  /// A std::map: the findings keep pointers to its entries while the
  /// search adds more.
  std::map<std::pair<const Decl *, const void *>, FunctionLeak> Leaks;
  llvm::DenseMap<const Decl *, std::unique_ptr<FunctionCFG>> CFGs;
  /// Memos of isSavedMember and restoresOnDestruction; in progress counts
  /// as no.
  llvm::DenseMap<std::pair<const Decl *, const void *>, bool> SavedMembers;
  llvm::DenseMap<std::pair<const Decl *, const void *>, bool> ScopeClasses;
  /// The branches each set point was made on (getConditionsAround).
  llvm::DenseMap<const Stmt *, llvm::SmallVector<AssumedCondition, 2>>
      AssumedAt;
  /// The values each local variable holds (localValues); empty when it is
  /// not known.
  llvm::DenseMap<std::pair<const Decl *, const VarDecl *>,
                 llvm::SmallVector<const Expr *, 2>>
      LocalValues;
  bool valuesOf(const FunctionSummary &S, const Expr *Value,
                llvm::SmallVectorImpl<const Expr *> &Given);
};

LeakSearch::FunctionCFG *LeakSearch::getCFG(const Decl *Fn) {
  auto [It, Inserted] = CFGs.try_emplace(Fn);
  if (!Inserted)
    return It->second.get();
  if (!Fn->getBody())
    return nullptr;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph = CFG::buildCFG(Fn, Fn->getBody(), Ctx, Options);
  if (!Graph)
    return nullptr;
  auto Result = std::make_unique<FunctionCFG>();
  Result->Graph = std::move(Graph);
  for (const CFGBlock *Block : *Result->Graph) {
    unsigned Index = 0;
    for (const CFGElement &Element : *Block) {
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        Result->Position.try_emplace(S->getStmt(), Block, Index);
      ++Index;
    }
    if (const auto *Try =
            dyn_cast_or_null<CXXTryStmt>(Block->getTerminatorStmt()))
      Result->Tries.push_back({Try, Block});
  }
  It->second = std::move(Result);
  return It->second.get();
}

bool LeakSearch::contains(const Stmt *Outer, const Stmt *Inner) const {
  SourceLocation At = SM.getExpansionLoc(Inner->getBeginLoc());
  SourceLocation Begin = SM.getExpansionLoc(Outer->getBeginLoc());
  SourceLocation End = SM.getExpansionLoc(Outer->getEndLoc());
  return !SM.isBeforeInTranslationUnit(At, Begin) &&
         !SM.isBeforeInTranslationUnit(End, At);
}

/// Whether \p Init, evaluated in \p S's function, takes the value of the
/// context \p Key: reads it, calls a getter of it, or takes a profile's
/// snapshot.
bool LeakSearch::isSavedFrom(const FunctionSummary &S, ContextKey Key,
                             const Expr *Init) const {
  if (!Init)
    return false;
  if (llvm::any_of(S.Reads, [&](const ContextRead &R) {
        return R.Key == Key && contains(Init, R.Ref);
      }))
    return true;
  // A getter (`auto saved = current_tenant();`).
  if (llvm::any_of(S.Calls, [&](const CallEdge &E) {
        const FunctionSummary *Callee = A.summaryOf(E.Callee);
        return Callee && contains(Init, E.Site) &&
               llvm::any_of(Callee->Reads,
                            [&](const ContextRead &R) { return R.Key == Key; });
      }))
    return true;
  // A profile's snapshot, or the previous context a restore hands back
  // (`auto prev = RequestContext::setContext(ctx);`).
  const auto *P = Key.dyn_cast<const Profile *>();
  const auto *Call = dyn_cast<CallExpr>(stripValue(Init));
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!P || !Callee)
    return false;
  bool Logging = false;
  std::string Name = Callee->getQualifiedNameAsString();
  return Matcher.readBy(Callee, Logging) == P ||
         Matcher.restoredBy(Callee) == P ||
         (!P->Snapshot.empty() &&
          llvm::StringRef(P->Snapshot).starts_with(Name + "("));
}

/// Whether \p Value is the value \p Key had before the task set it: a local
/// variable initialised from the context itself, or a data member saved
/// from it (isSavedMember).
bool LeakSearch::isSavedValue(const FunctionSummary &S, ContextKey Key,
                              const Expr *Value) {
  const Expr *Bare = stripValue(Value);
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(Bare))
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      return isSavedMember(Field, Key);
  llvm::SmallVector<const Expr *, 2> Given;
  return valuesOf(S, Bare, Given) && llvm::all_of(Given, [&](const Expr *V) {
           return isSavedFrom(S, Key, V);
         });
}

bool LeakSearch::valuesOf(const FunctionSummary &S, const Expr *Value,
                          llvm::SmallVectorImpl<const Expr *> &Given) {
  // Only a local variable names a saved value: cheap to tell first.
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripValue(Value));
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->isLocalVarDecl())
    return false;
  auto [It, New] = LocalValues.try_emplace({S.Fn, Var});
  if (New) {
    // A local of an enclosing function (a lambda's capture): its
    // initialiser.
    const auto *Own = dyn_cast<DeclContext>(S.Fn);
    if (Own && Var->getParentFunctionOrMethod() == Own)
      localValues(S.Fn->getBody(), Ref, It->second);
    else if (Var->getInit())
      It->second.push_back(Var->getInit());
  }
  Given.append(It->second.begin(), It->second.end());
  return !It->second.empty();
}

const Decl *LeakSearch::savedFromElsewhere(const FunctionSummary &S,
                                           const Expr *Value) {
  llvm::SmallVector<const Expr *, 2> Given;
  if (!valuesOf(S, Value, Given))
    return nullptr;
  const Decl *Getter = nullptr;
  for (const Expr *V : Given) {
    const Expr *Call = stripValue(V);
    const auto *E = llvm::find_if(
        S.ExternalCalls, [&](const CallEdge &E) { return E.Site == Call; });
    if (E == S.ExternalCalls.end() || (Getter && Getter != E->Callee))
      return nullptr;
    Getter = E->Callee;
  }
  return Getter;
}

const Decl *LeakSearch::setterAt(const FunctionSummary &S,
                                 const Stmt *At) const {
  for (const CallEdge &E :
       llvm::concat<const CallEdge>(S.Calls, S.ExternalCalls))
    if (E.Site == At)
      return E.Callee;
  return nullptr;
}

/// The assignments in \p Body whose target is \p Field, outside the
/// lambdas written there (functions of their own).
static void fieldAssignments(const Stmt *Body, const FieldDecl *Field,
                             llvm::SmallVectorImpl<const Expr *> &Values) {
  if (!Body || isa<LambdaExpr>(Body))
    return;
  const Expr *Target = nullptr;
  const Expr *Value = nullptr;
  if (const auto *Assign = dyn_cast<BinaryOperator>(Body);
      Assign && Assign->getOpcode() == BO_Assign) {
    Target = Assign->getLHS();
    Value = Assign->getRHS();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Body);
             Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
    Target = Op->getArg(0);
    Value = Op->getArg(1);
  }
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(
          Target ? Target->IgnoreParenImpCasts() : nullptr);
      Member && Member->getMemberDecl() == Field)
    Values.push_back(Value);
  for (const Stmt *Child : Body->children())
    fieldAssignments(Child, Field, Values);
}

/// Whether a member function of \p Field's class saves the context \p Key
/// in it (`prev_ = tl;`, `prev_(tl)` in a constructor): a data member that
/// keeps the previous value, which the task or the object's destructor puts
/// back (`tl = prev_;`).
bool LeakSearch::isSavedMember(const FieldDecl *Field, ContextKey Key) {
  auto [It, New] = SavedMembers.try_emplace({Field, Key.getOpaqueValue()});
  if (!New)
    return It->second;
  const auto *Class = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!Class || !Class->hasDefinition())
    return false;
  bool Saved = false;
  llvm::SmallVector<const Expr *, 2> Values;
  for (const CXXMethodDecl *Method : Class->getDefinition()->methods()) {
    const FunctionDecl *Def = Method->getDefinition();
    const FunctionSummary *MS = Def ? A.summaryOf(Def) : nullptr;
    if (!MS)
      continue;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getMember() == Field && Init->isWritten() &&
            isSavedFrom(*MS, Key, Init->getInit()))
          Saved = true;
    Values.clear();
    fieldAssignments(Def->getBody(), Field, Values);
    for (const Expr *Value : Values)
      Saved |= isSavedFrom(*MS, Key, Value);
    if (Saved)
      break;
  }
  SavedMembers[{Field, Key.getOpaqueValue()}] = Saved;
  return Saved;
}

/// Whether \p Class's destructor puts \p Key back: it writes it with a
/// saved value (a member, isSavedMember) or resets it, itself or through a
/// call.
bool LeakSearch::restoresOnDestruction(const CXXRecordDecl *Class,
                                       ContextKey Key) {
  if (!Class || !Class->hasDefinition())
    return false;
  Class = Class->getDefinition();
  auto [It, New] = ScopeClasses.try_emplace({Class, Key.getOpaqueValue()});
  if (!New)
    return It->second;
  const CXXDestructorDecl *Dtor = Class->getDestructor();
  const FunctionDecl *Def = Dtor ? Dtor->getDefinition() : nullptr;
  const FunctionSummary *DS = Def ? A.summaryOf(Def) : nullptr;
  bool Restores =
      DS && (llvm::any_of(DS->Writes,
                          [&](const ContextWrite &W) {
                            return W.Key == Key && isKill(*DS, Key, W.At, W.At);
                          }) ||
             llvm::any_of(DS->Calls, [&](const CallEdge &E) {
               return isKill(*DS, Key, E.Site, E.Site);
             }));
  ScopeClasses[{Class, Key.getOpaqueValue()}] = Restores;
  return Restores;
}

/// Whether a local object declared before \p Set in a block around it is
/// of a class whose destructor puts \p Key back (restoresOnDestruction):
/// the object is a scope object for what is set while it lives
/// (`TenantSwitch s; s.enter(t);`).
bool LeakSearch::isUnderLocalScope(const FunctionSummary &S, ContextKey Key,
                                   const Stmt *Set) {
  SourceLocation SetLoc = SM.getExpansionLoc(Set->getBeginLoc());
  llvm::SmallVector<const Stmt *, 8> Work = {S.Fn->getBody()};
  while (!Work.empty()) {
    const Stmt *At = Work.pop_back_val();
    if (!At || isa<LambdaExpr>(At))
      continue;
    if (const auto *Block = dyn_cast<CompoundStmt>(At);
        Block && contains(Block, Set))
      for (const Stmt *Child : Block->body()) {
        const auto *Decls = dyn_cast<DeclStmt>(Child);
        if (!Decls || !SM.isBeforeInTranslationUnit(
                          SM.getExpansionLoc(Decls->getEndLoc()), SetLoc))
          continue;
        for (const Decl *D : Decls->decls())
          if (const auto *Var = dyn_cast<VarDecl>(D);
              Var && Var->isLocalVarDecl() && !Var->isStaticLocal() &&
              !Var->getType()->isReferenceType() &&
              restoresOnDestruction(Var->getType()->getAsCXXRecordDecl(), Key))
            return true;
      }
    for (const Stmt *Child : At->children())
      Work.push_back(Child);
  }
  return false;
}

/// Whether \p Fn only takes the context back: it writes it, and only with
/// resets to its initial value or unsets.
bool LeakSearch::undoes(const FunctionDecl *Fn, ContextKey Key) {
  const FunctionSummary *S = A.summaryOf(Fn);
  if (!S)
    return false;
  bool Any = false;
  for (const ContextWrite &W : S->Writes) {
    if (W.Key != Key)
      continue;
    const Expr *Value = writtenValue(W.At);
    bool Reset = (Value && isInitialValue(Value, *Ctx)) ||
                 llvm::is_contained({"clear", "reset"}, memberName(W.At));
    if (!Reset && isSetPoint(W, Matcher))
      return false;
    Any |= Reset;
  }
  return Any;
}

bool LeakSearch::isKill(const FunctionSummary &S, ContextKey Key,
                        const Stmt *Set, const Stmt *At) {
  for (const ContextWrite &W : S.Writes) {
    if (W.At != At || W.Key != Key)
      continue;
    // `tl.reset(p)` sets; `tl.reset()` and `tl.clear()` reset.
    if (W.Ends || llvm::is_contained({"clear", "reset"}, memberName(At)))
      return memberName(At) != "reset" ||
             cast<CXXMemberCallExpr>(At)->getNumArgs() == 0;
    const Expr *Value = writtenValue(At);
    if (Value && (isInitialValue(Value, *Ctx) || isSavedValue(S, Key, Value)))
      return true;
  }
  const auto *Call = dyn_cast<CallExpr>(At);
  if (!Call)
    return false;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return false;
  if (const auto *P = Key.dyn_cast<const Profile *>()) {
    if (!P->Unsets.empty() &&
        P->Unsets.matches(Callee->getQualifiedNameAsString())) {
      // `MDC::remove("user")` does not undo `MDC::put("tenant", ...)`.
      const StringLiteral *SetKey = keyLiteral(Set);
      const StringLiteral *UnsetKey = keyLiteral(At);
      return !SetKey || !UnsetKey || SetKey->getBytes() == UnsetKey->getBytes();
    }
  }
  // `set_tenant(saved)`, or `clear_tenant()`.
  return llvm::any_of(S.Calls, [&](const CallEdge &E) {
    const auto *Def = dyn_cast<FunctionDecl>(E.Callee);
    return E.Site == At && Def &&
           ((leakOf(Def, Key) && isSavedValue(S, Key, writtenValue(At))) ||
            undoes(Def, Key));
  });
}

/// Whether a scope object for \p Key, made before \p Set in a block around
/// it, puts the previous value back when the block ends, after \p Set.
bool LeakSearch::isUnderGuard(const FunctionSummary &S, ContextKey Key,
                              const Stmt *Set) {
  SourceLocation SetLoc = SM.getExpansionLoc(Set->getBeginLoc());
  auto Before = [&](const Stmt *Guard) {
    return SM.isBeforeInTranslationUnit(
        SM.getExpansionLoc(Guard->getBeginLoc()), SetLoc);
  };
  if (isUnderLocalScope(S, Key, Set))
    return true;
  return llvm::any_of(S.Writes,
                      [&](const ContextWrite &W) {
                        return W.Key == Key && W.Scope &&
                               !isSetPoint(W, Matcher) &&
                               contains(W.Scope, Set) && Before(W.At);
                      }) ||
         llvm::any_of(S.Calls, [&](const CallEdge &E) {
           const FunctionSummary *Ctor = A.summaryOf(E.Callee);
           return E.Scope && isa<CXXConstructExpr>(E.Site) && Ctor &&
                  contains(E.Scope, Set) && Before(E.Site) && Ctor->writes(Key);
         });
}

bool LeakSearch::findExit(const FunctionSummary &S, ContextKey Key,
                          const Stmt *Set, const Stmt *&Exit,
                          llvm::SmallVectorImpl<Crossing> *Crossed,
                          const llvm::DenseSet<Crossing> *Blocked) {
  FunctionCFG *G = getCFG(S.Fn);
  if (!G)
    return false;
  auto Pos = G->Position.find(Set);
  if (Pos == G->Position.end())
    return false;
  const CFGBlock *ExitBlock = &G->Graph->getExit();
  llvm::DenseMap<const CFGBlock *, const CFGBlock *> Pred;
  llvm::SmallVector<const CFGBlock *, 16> Queue;
  size_t Next = 0;
  bool Found = false;
  // The first call that may throw into each try block's dispatch.
  llvm::DenseMap<const CFGBlock *, const Stmt *> RaisedBy;
  // Reaching the exit from \p Last: a leak, unless \p Last ends in a call
  // that does not return (`abort()`), which ends no task.
  auto ReachExit = [&](const CFGBlock *Last) {
    if (Found || Last->hasNoReturnElement())
      return;
    Found = true;
    // No handler catches what the call threw.
    Exit = RaisedBy.lookup(Last);
    for (const CFGElement &Element : llvm::reverse(*Last))
      if (std::optional<CFGStmt> St = Element.getAs<CFGStmt>()) {
        if (isa<ReturnStmt, CoreturnStmt, CXXThrowExpr>(St->getStmt()))
          Exit = St->getStmt();
        break;
      }
  };
  // The branches a path from Set takes: the same `if` conditions as Set's,
  // and the equality of the saved value with the value set.
  auto [AssumedIt, NewSet] = AssumedAt.try_emplace(Set);
  if (NewSet)
    getConditionsAround(S.Fn->getBody(), Set, SM, AssumedIt->second);
  llvm::SmallVector<AssumedCondition, 2> Assumed = AssumedIt->second;
  const Expr *SetValue = writtenValue(Set);
  // Whether the successor \p Index of \p From may follow on a path from
  // Set; false also when taking it restores (a branch where the context
  // holds the saved value again).
  auto Feasible = [&](const CFGBlock *From, unsigned Index) {
    const auto *If = dyn_cast_or_null<IfStmt>(From->getTerminatorStmt());
    if (!If)
      return true;
    if (std::optional<AssumedCondition> Cond = getPlainCondition(If->getCond()))
      for (const AssumedCondition &A : Assumed)
        if (A.Var == Cond->Var && Index != (A.Value == Cond->Value ? 0U : 1U))
          return false;
    std::optional<EqualityBranch> Equal = getEqualityBranch(If->getCond());
    if (!Equal || Equal->EqualSuccessor != Index || !SetValue)
      return true;
    for (auto [Saved, Other] : {std::pair(Equal->LHS, Equal->RHS),
                                std::pair(Equal->RHS, Equal->LHS)}) {
      if (!isSameValue(Other, SetValue, *Ctx))
        continue;
      if (isSavedValue(S, Key, Saved))
        return false;
      if (const Decl *Getter = savedFromElsewhere(S, Saved)) {
        Crossing C{setterAt(S, Set), Getter};
        if (Blocked && Blocked->contains(C))
          return false;
        if (Crossed)
          Crossed->push_back(C);
      }
    }
    return true;
  };
  auto Push = [&](const CFGBlock *From) {
    for (const auto &Succ : llvm::enumerate(From->succs())) {
      const CFGBlock *B = Succ.value().getReachableBlock();
      if (!B || !Feasible(From, Succ.index()))
        continue;
      if (B == ExitBlock)
        ReachExit(From);
      else if (Pred.try_emplace(B, From).second)
        Queue.push_back(B);
    }
  };
  // A call that may throw (ThrowAnalysis): the exception goes on to the
  // handlers of the innermost try block around it, or out of the function
  // at the call.
  auto Raise = [&](const Stmt *Call) {
    const CFGBlock *Dispatch = nullptr;
    const CXXTryStmt *Innermost = nullptr;
    for (auto [Try, Block] : G->Tries)
      if (contains(Try->getTryBlock(), Call) &&
          (!Innermost || contains(Innermost->getTryBlock(), Try))) {
        Innermost = Try;
        Dispatch = Block;
      }
    if (Dispatch) {
      RaisedBy.try_emplace(Dispatch, Call);
      if (Pred.try_emplace(Dispatch, nullptr).second)
        Queue.push_back(Dispatch);
    } else if (!Found) {
      Found = true;
      Exit = Call;
    }
  };
  // Scans a block from an element on; false when a restore stops the path.
  auto Scan = [&](const CFGBlock *Block, unsigned From) {
    unsigned Index = 0;
    for (const CFGElement &Element : *Block) {
      if (Index++ < From)
        continue;
      std::optional<CFGStmt> St = Element.getAs<CFGStmt>();
      if (!St)
        continue;
      const Stmt *At = St->getStmt();
      if (isKill(S, Key, Set, At))
        return false;
      if (At == Set)
        continue;
      if ((Crossed || Blocked) && isa<CallExpr, CXXConstructExpr>(At))
        for (const CallEdge &E :
             llvm::concat<const CallEdge>(S.Calls, S.ExternalCalls)) {
          if (E.Site != At || E.Virtual)
            continue;
          // A function defined here is the translation unit's to judge,
          // unless it sets the context to a value saved from one defined
          // elsewhere.
          const Decl *Getter = savedFromElsewhere(S, writtenValue(At));
          bool Here = E.Callee->hasBody();
          if (Here && (!Getter || !leakOf(E.Callee, Key)))
            continue;
          Crossing C{E.Callee, Getter};
          if (Blocked && Blocked->contains(C))
            return false;
          if (Crossed)
            Crossed->push_back(C);
        }
      if (isa<CallExpr, CXXConstructExpr>(At) && Throws.mayThrow(At))
        Raise(At);
    }
    return true;
  };
  auto [SetBlock, SetIndex] = Pos->second;
  // A restore in the same block ends the search, unless a call that may
  // throw before it has found a way out already.
  if (Scan(SetBlock, SetIndex + 1))
    Push(SetBlock);
  while (Next < Queue.size() && (!Found || Crossed)) {
    const CFGBlock *Block = Queue[Next++];
    if (Scan(Block, 0))
      Push(Block);
  }
  return Found;
}

const LeakSearch::FunctionLeak *LeakSearch::leakOf(const Decl *Fn,
                                                   ContextKey Key) {
  FunctionLeak &Memo = Leaks[{Fn, Key.getOpaqueValue()}];
  if (Memo.Computed)
    return Memo.Leaks ? &Memo : nullptr;
  // In progress counts as no leak: recursion ends.
  Memo.Computed = true;
  const FunctionSummary *S = A.summaryOf(Fn);
  if (!S)
    return nullptr;

  // The set points, in the order of the text.
  struct Candidate {
    const Stmt *At;
    const ContextWrite *Write;
    const CallEdge *Call;
  };
  llvm::SmallVector<Candidate, 4> Candidates;
  for (const ContextWrite &W : S->Writes)
    if (W.Key == Key && isSetPoint(W, Matcher) &&
        !isInitialValue(writtenValue(W.At) ? writtenValue(W.At) : nullptr,
                        *Ctx) &&
        !isKill(*S, Key, W.At, W.At))
      Candidates.push_back({W.At, &W, nullptr});
  for (const CallEdge &E : S->Calls) {
    if (E.Callee == Fn || (E.Scope && isa<CXXConstructExpr>(E.Site)))
      continue;
    if (leakOf(E.Callee, Key) && !isKill(*S, Key, E.Site, E.Site))
      Candidates.push_back({E.Site, nullptr, &E});
  }
  llvm::stable_sort(Candidates, [&](const Candidate &L, const Candidate &R) {
    return SM.isBeforeInTranslationUnit(
        SM.getExpansionLoc(L.At->getBeginLoc()),
        SM.getExpansionLoc(R.At->getBeginLoc()));
  });
  for (const Candidate &C : Candidates) {
    if (isUnderGuard(*S, Key, C.At))
      continue;
    const Stmt *Exit = nullptr;
    if (!findExit(*S, Key, C.At, Exit))
      continue;
    FunctionLeak &Result = Memo;
    Result.Leaks = true;
    Result.Write = C.Write;
    Result.Call = C.Call;
    Result.Exit = Exit;
    return &Result;
  }
  return nullptr;
}

std::vector<LeakedContext> LeakSearch::run() {
  std::vector<LeakedContext> Findings;
  if (A.taskSites().empty())
    return Findings;
  // The contexts some function sets.
  llvm::SetVector<ContextKey> Keys;
  for (const auto &Entry : A.summaries())
    for (const ContextWrite &W : Entry.second->Writes)
      if (isSetPoint(W, Matcher) && A.isContext(W.Key))
        Keys.insert(W.Key);
  if (Keys.empty())
    return Findings;

  llvm::DenseSet<std::pair<SourceLocation, const void *>> Reported;
  llvm::SmallVector<ResolvedTask, 4> Tasks;
  for (const TaskSite &Site : A.taskSites()) {
    const SpawnedParam *Helper = nullptr;
    if (Site.Helper) {
      for (const SpawnedParam *Fact :
           A.paramRoles().spawns(Site.Helper, Site.Index))
        if (Fact->underlyingSpawn().ReusedWorker) {
          Helper = Fact;
          break;
        }
      if (!Helper)
        continue;
    } else if (!Site.Spawn->ReusedWorker) {
      continue;
    }
    Tasks.clear();
    A.resolveTasks(*Site.Spawn, Tasks);
    SourceLocation Loc = SM.getExpansionLoc(Site.Spawn->Call->getBeginLoc());
    for (ContextKey Key : Keys) {
      // A boundary that carries the context over sets it around the task
      // and puts the worker's own back afterwards.
      if (Site.Spawn->carries(Key) ||
          (Helper && Helper->underlyingSpawn().carries(Key)))
        continue;
      for (const ResolvedTask &Task : Tasks) {
        const Decl *Entry = Task.Entry;
        const FunctionLeak *Leak = leakOf(Entry, Key);
        if (!Leak)
          continue;
        if (!Reported.insert({Loc, Key.getOpaqueValue()}).second)
          break;
        LeakedContext Finding{Site.Spawn, Helper, Key,     Task,      {},
                              {},         Entry,  nullptr, Leak->Exit};
        const Decl *At = Entry;
        // Each step was computed before the one calling it: no cycle.
        for (const FunctionLeak *Step = Leak; Step && Step->Call;
             Step = leakOf(At, Key)) {
          Finding.Callers.push_back(At);
          Finding.Path.push_back(Step->Call);
          At = Step->Call->Callee;
          if (Finding.Path.size() > 10000)
            break;
        }
        const FunctionLeak *Last = leakOf(At, Key);
        if (!Last || !Last->Write)
          break;
        Finding.Writer = At;
        Finding.Write = Last->Write;
        Findings.push_back(std::move(Finding));
        break;
      }
    }
  }
  llvm::stable_sort(
      Findings, [&](const LeakedContext &L, const LeakedContext &R) {
        SourceLocation LL = SM.getExpansionLoc(L.Spawn->Call->getBeginLoc());
        SourceLocation RL = SM.getExpansionLoc(R.Spawn->Call->getBeginLoc());
        if (LL != RL)
          return SM.isBeforeInTranslationUnit(LL, RL);
        return contextName(L.Key) < contextName(R.Key);
      });
  return Findings;
}

/// The most functions defined elsewhere after a set point whose
/// combinations are tried; past it, one leave names them all (a function
/// among them that takes the context back drops the leak on every path).
static constexpr unsigned MaxWitnessCallees = 6;

bool LeakSearch::addWitnesses(const FunctionSummary &S, ContextKey Key,
                              const Stmt *Set, const Decl *Via,
                              llvm::SmallVectorImpl<ExportedLeak> &Out) {
  // The functions defined elsewhere called after Set before a restore, on
  // any path out.
  llvm::SmallVector<Crossing, 4> Crossed;
  const Stmt *Exit = nullptr;
  if (!findExit(S, Key, Set, Exit, &Crossed))
    return false;
  // A set point that sets a value saved from a function defined elsewhere
  // (`SetX(prev)`) is a restore if that function reads the context.
  std::optional<Crossing> Self;
  if (Via)
    if (const Decl *Getter = savedFromElsewhere(S, writtenValue(Set)))
      Self = Crossing{Via, Getter};
  auto Make = [&](llvm::ArrayRef<Crossing> Unless) {
    ExportedLeak L{Key, Set, Via, Exit, {}, {}};
    if (Self)
      L.UnlessRestores.push_back(*Self);
    for (const Crossing &C : Unless) {
      if (C.second)
        L.UnlessRestores.push_back(C);
      else
        L.Unless.push_back(C.first);
    }
    Out.push_back(std::move(L));
  };
  llvm::SetVector<Crossing> Callees(Crossed.begin(), Crossed.end());
  if (Callees.size() > MaxWitnessCallees) {
    Make(Callees.getArrayRef());
    return true;
  }
  // One leave per smallest set of those functions some path out calls (and
  // no others): the link keeps the leak when, for one of them, none takes
  // the context back. A `clear_tenant()` on one branch does not excuse an
  // early return on the other.
  unsigned N = Callees.size();
  // The combinations, fewest functions first.
  llvm::SmallVector<unsigned, 64> Masks;
  for (unsigned Count = 0; Count <= N; ++Count)
    for (unsigned Mask = 0; Mask < (1U << N); ++Mask)
      if (static_cast<unsigned>(llvm::popcount(Mask)) == Count)
        Masks.push_back(Mask);
  llvm::SmallVector<unsigned, 4> Witnesses;
  llvm::DenseSet<Crossing> Blocked;
  llvm::SmallVector<Crossing, 4> Unless;
  for (unsigned Mask : Masks) {
    if (llvm::any_of(Witnesses, [&](unsigned W) { return (W & Mask) == W; }))
      continue;
    Blocked.clear();
    for (unsigned I = 0; I < N; ++I)
      if (!(Mask & (1U << I)))
        Blocked.insert(Callees[I]);
    if (!findExit(S, Key, Set, Exit, nullptr, &Blocked))
      continue;
    Witnesses.push_back(Mask);
    Unless.clear();
    for (unsigned I = 0; I < N; ++I)
      if (Mask & (1U << I))
        Unless.push_back(Callees[I]);
    Make(Unless);
  }
  return true;
}

bool LeakSearch::keepsSet(const FunctionSummary &S, ContextKey Key,
                          const Stmt *Site) {
  const Stmt *Exit = nullptr;
  return !isKill(S, Key, Site, Site) && !isUnderGuard(S, Key, Site) &&
         findExit(S, Key, Site, Exit);
}

void LeakSearch::collect(const FunctionSummary &S,
                         llvm::ArrayRef<ContextKey> Keys,
                         llvm::SmallVectorImpl<ExportedLeak> &Out,
                         llvm::SmallVectorImpl<TakenBack> &Back) {
  for (ContextKey Key : Keys) {
    if (const FunctionLeak *Leak = leakOf(S.Fn, Key)) {
      const Stmt *Set = Leak->Write ? Leak->Write->At : Leak->Call->Site;
      const Decl *Via = Leak->Call ? Leak->Call->Callee : nullptr;
      if (S.ExternalCalls.empty())
        Out.push_back({Key, Set, Via, Leak->Exit, {}, {}});
      else
        addWitnesses(S, Key, Set, Via, Out);
    }
    // A call of a function defined here that sets the context, and that
    // this one takes back on every path after it.
    for (const CallEdge &E : S.Calls)
      if (E.Callee != S.Fn && !(E.Scope && isa<CXXConstructExpr>(E.Site)) &&
          !E.Through && leakOf(E.Callee, Key) && !keepsSet(S, Key, E.Site))
        Back.push_back({E.Site, Key});
    // A call to a function defined elsewhere leaves the context set if
    // that function does and no restore follows on some path.
    for (const CallEdge &E : S.ExternalCalls) {
      // A virtual call no body here runs: which override leaves what set
      // is not linked for this check (ProgramLeaks.h).
      if (E.Virtual || (E.Scope && isa<CXXConstructExpr>(E.Site)))
        continue;
      if (isKill(S, Key, E.Site, E.Site) || isUnderGuard(S, Key, E.Site) ||
          !addWitnesses(S, Key, E.Site, E.Callee, Out))
        Back.push_back({E.Site, Key});
    }
  }
}

void LeakSearch::undone(const FunctionSummary &S,
                        llvm::ArrayRef<ContextKey> Keys,
                        llvm::SmallVectorImpl<ContextKey> &Out) {
  if (const auto *Fn = dyn_cast<FunctionDecl>(S.Fn))
    for (ContextKey Key : Keys)
      if (undoes(Fn, Key))
        Out.push_back(Key);
}

std::vector<LeakedContext> findLeakedContexts(TUAnalysis &Analysis,
                                              const LeakOptions &Options) {
  Analysis.prepare();
  std::vector<LeakedContext> Findings = LeakSearch(Analysis, Options).run();
  // What a task leaves that every task on its worker sets again before
  // reading it is no leak (OverwrittenLeaks.h).
  if (!Findings.empty()) {
    OverwrittenLeaks Overwritten(Analysis);
    llvm::erase_if(Findings, [&](const LeakedContext &F) {
      return setsField(F.Write->At) &&
             Overwritten.overwritten(F.boundary().Boundary, F.Key);
    });
  }
  return Findings;
}

LeakFacts::LeakFacts(const TUAnalysis &Analysis)
    : Search(std::make_unique<LeakSearch>(Analysis, LeakOptions())) {
  // The thread-locals declared at namespace or class scope, and the
  // profiles' contexts: a function defined elsewhere may set any of them.
  // Which are context, the program's link decides.
  llvm::SmallVector<const DeclContext *, 16> Work = {
      Analysis.astContext().getTranslationUnitDecl()};
  while (!Work.empty()) {
    const DeclContext *Context = Work.pop_back_val();
    for (const Decl *D : Context->decls()) {
      if (const auto *Var = dyn_cast<VarDecl>(D)) {
        if (Var->getTLSKind() != VarDecl::TLS_None)
          Keys.insert(Var->getCanonicalDecl());
      } else if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl, CXXRecordDecl>(
                     D) &&
                 !cast<DeclContext>(D)->isDependentContext()) {
        Work.push_back(cast<DeclContext>(D));
      }
    }
  }
  // Keys and wrappers written here (the program's link decides which are
  // context).
  for (const auto &Entry : Analysis.summaries())
    for (const ContextWrite &W : Entry.second->Writes)
      Keys.insert(W.Key);
  for (const std::unique_ptr<Profile> &P :
       Analysis.profileMatcher().set().profiles())
    if (!P->isThreadLocal())
      Keys.insert(P.get());
}

LeakFacts::~LeakFacts() = default;

void LeakFacts::collect(const FunctionSummary &S,
                        llvm::SmallVectorImpl<ExportedLeak> &Out,
                        llvm::SmallVectorImpl<TakenBack> &Back) {
  Search->collect(S, Keys.getArrayRef(), Out, Back);
}

CallLeaves::CallLeaves(const TUAnalysis &Analysis)
    : Search(std::make_unique<LeakSearch>(Analysis, LeakOptions())) {}
CallLeaves::~CallLeaves() = default;

bool CallLeaves::keepsSet(const FunctionSummary &S, ContextKey Key,
                          const Stmt *Site) {
  auto [It, New] = Memo.try_emplace({Site, Key.getOpaqueValue()}, false);
  if (New)
    It->second = Search->keepsSet(S, Key, Site);
  return It->second;
}

void LeakFacts::undone(const FunctionSummary &S,
                       llvm::SmallVectorImpl<ContextKey> &Out) {
  Search->undone(S, Keys.getArrayRef(), Out);
}

} // namespace ctxloss
