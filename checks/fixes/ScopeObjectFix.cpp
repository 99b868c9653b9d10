//===--- ScopeObjectFix.cpp - Turn a leaked write into a scope object -----===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/ScopeObjectFix.h"
#include "checks/fixes/StorageSpelling.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace ctxloss::fixes {

/// The source text of \p E, or empty when it is not plain file text.
static std::string textOf(const Expr *E, const ASTContext &Ctx) {
  SourceRange Range = E->getSourceRange();
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return "";
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                              Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

/// The written arguments of a call, as text.
static bool argumentTexts(const CallExpr *Call, const ASTContext &Ctx,
                          llvm::SmallVectorImpl<std::string> &Out) {
  for (const Expr *Arg : Call->arguments()) {
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    std::string Text = textOf(Arg, Ctx);
    if (Text.empty())
      return false;
    Out.push_back(std::move(Text));
  }
  return true;
}

/// The statement of \p Body that \p At is, looking through the implicit
/// nodes around an expression statement; null when \p At is not one.
static const Stmt *topLevelStatement(const Stmt *Body, const Stmt *At) {
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Body);
  if (!Block)
    return nullptr;
  for (const Stmt *S : Block->body()) {
    const Stmt *Bare = S;
    if (const auto *E = dyn_cast<Expr>(S))
      Bare = E->IgnoreImplicit();
    if (Bare == At)
      return S;
  }
  return nullptr;
}

FixOption buildScopeObjectFix(const LeakedContext &Finding,
                              TUAnalysis &Analysis) {
  ASTContext &Ctx = Analysis.astContext();
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt *At = Finding.Write->At;
  SourceLocation WriteLoc = SM.getExpansionLoc(At->getBeginLoc());
  if (!Finding.Path.empty())
    return FixOption::declined(
        WriteLoc, "no fix: the context is set in " +
                      describeFunction(Finding.Writer) +
                      ", which the task calls; a scope object there would "
                      "end with the call");
  const FunctionSummary *S = Analysis.summaryOf(Finding.Task.Entry);
  const Stmt *Statement = topLevelStatement(Finding.Task.Entry->getBody(), At);
  if (!S || !Statement)
    return FixOption::declined(
        WriteLoc, "no fix: the write is not a statement of the task's own "
                  "body, where a scope object would last until the task "
                  "ends");
  if (llvm::count_if(S->Writes, [&](const ContextWrite &W) {
        return W.Key == Finding.Key;
      }) != 1)
    return FixOption::declined(
        WriteLoc, "no fix: the task writes the context more than once");
  if (At->getBeginLoc().isMacroID() || At->getEndLoc().isMacroID())
    return FixOption::declined();

  std::string Declaration;
  const CXXRecordDecl *ScopeClass = nullptr;
  const auto *P = Finding.Key.dyn_cast<const Profile *>();
  // A task function that is also called directly: its callers expect the
  // value to stay.
  if (!Analysis.callGraph().callersOf(Finding.Task.Entry).empty())
    return FixOption::declined(
        WriteLoc, "no fix: " + describeFunction(Finding.Task.Entry) +
                      " is also called directly, where the value may be "
                      "meant to stay");
  const auto *Var = Finding.Key.dyn_cast<const VarDecl *>();
  if (Var && Var->getTLSKind() != VarDecl::TLS_None) {
    const Expr *Target = nullptr;
    const Expr *Value = nullptr;
    if (const auto *Assign = dyn_cast<BinaryOperator>(At);
        Assign && Assign->getOpcode() == BO_Assign) {
      Target = Assign->getLHS();
      Value = Assign->getRHS();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(At);
               Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      Target = Op->getArg(0);
      Value = Op->getArg(1);
    }
    if (!Target)
      return FixOption::declined(
          WriteLoc, "no fix: only an assignment to the thread-local becomes a "
                    "'ctxloss::scoped_value'");
    std::string TargetText = textOf(Target, Ctx);
    std::string ValueText = textOf(Value, Ctx);
    if (TargetText.empty() || ValueText.empty())
      return FixOption::declined();
    // The project's own scope class for the variable, declared before the
    // task, rather than the library's.
    ScopeClass = findScopeClass(Var, Var->getType(), Analysis,
                                /*RestoringDestructor=*/true);
    if (ScopeClass &&
        !SM.isBeforeInTranslationUnit(
            SM.getExpansionLoc(ScopeClass->getEndLoc()), WriteLoc))
      ScopeClass = nullptr;
    if (ScopeClass) {
      Declaration = ScopeClass->getQualifiedNameAsString() + " restore_" +
                    Var->getName().str() + "(" + ValueText + ")";
    } else {
      if (!Ctx.getLangOpts().CPlusPlus17)
        return FixOption::declined(
            WriteLoc, "no fix: 'ctxloss::scoped_value' needs C++17");
      Declaration = "ctxloss::scoped_value restore_" + Var->getName().str() +
                    "(" + TargetText + ", " + ValueText + ")";
    }
  } else if (P && (P->Name == "log4cxx" || P->Name == "folly")) {
    const auto *Call = dyn_cast<CallExpr>(At);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    llvm::SmallVector<std::string, 2> Args;
    if (!Callee || !argumentTexts(Call, Ctx, Args))
      return FixOption::declined();
    std::string Name = Callee->getQualifiedNameAsString();
    if (Name == "log4cxx::MDC::put" && Args.size() == 2)
      Declaration =
          "log4cxx::MDC restore_mdc(" + Args[0] + ", " + Args[1] + ")";
    else if (Name == "folly::RequestContext::setContext" && Args.size() == 1)
      Declaration = "folly::RequestContextScopeGuard restore_request_context(" +
                    Args[0] + ")";
    else
      return FixOption::declined(
          WriteLoc,
          "no fix: '" + Name + "' has no scope guard of the same arguments");
  } else {
    std::string Why = "no fix: ";
    if (P && P->Name == "spdlog")
      Why += "spdlog has no scope guard for one MDC key; call "
             "'spdlog::mdc::remove' with the key on every path out of the "
             "task";
    else
      Why += "no scope object is known for " + describeContext(Finding.Key);
    return FixOption::declined(WriteLoc, Why);
  }

  // Replace the expression (the statement's ';' stays).
  CharSourceRange Range =
      CharSourceRange::getTokenRange(SM.getExpansionLoc(At->getBeginLoc()),
                                     SM.getExpansionLoc(At->getEndLoc()));
  (void)Statement;
  FixOption Fix;
  Fix.Hints.push_back(FixItHint::CreateReplacement(Range, Declaration));
  if (isa<const VarDecl *>(Finding.Key) && !ScopeClass) {
    Fix.Headers.push_back("<ctxloss/context.h>");
    Fix.HeaderFile = SM.getFileID(SM.getExpansionLoc(At->getBeginLoc()));
  }
  return Fix;
}

} // namespace ctxloss::fixes
