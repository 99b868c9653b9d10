//===--- LambdaEdits.cpp - Adding captures and statements to a lambda -----===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/fixes/LambdaEdits.h"
#include "checks/fixes/BodyScan.h"
#include "checks/fixes/Spelling.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace ctxloss::fixes {

bool isEditableLambda(const LambdaExpr *Lambda) {
  const CompoundStmt *Body = Lambda->getCompoundStmtBody();
  SourceRange Intro = Lambda->getIntroducerRange();
  return Body && Intro.isValid() && Intro.getBegin().isFileID() &&
         Intro.getEnd().isFileID() && Body->getLBracLoc().isFileID() &&
         Body->getRBracLoc().isFileID();
}

llvm::StringSet<> namesDeclaredIn(const LambdaExpr *Lambda) {
  llvm::StringSet<> Names = declaredNames(Lambda->getBody());
  for (const LambdaCapture &Capture : Lambda->explicit_captures())
    if (Capture.capturesVariable())
      Names.insert(Capture.getCapturedVar()->getName());
  if (const CXXMethodDecl *Call = Lambda->getCallOperator())
    for (const ParmVarDecl *Param : Call->parameters())
      if (Param->getIdentifier())
        Names.insert(Param->getName());
  return Names;
}

void addCaptures(const LambdaExpr *Lambda, llvm::ArrayRef<std::string> Captures,
                 EditSet &Edits) {
  bool HasCaptures =
      Lambda->getCaptureDefault() != LCD_None ||
      Lambda->explicit_capture_begin() != Lambda->explicit_capture_end();
  std::string Text;
  for (const std::string &Capture : Captures) {
    if (HasCaptures || !Text.empty())
      Text += ", ";
    Text += Capture;
  }
  // The introducer range ends at the ']'.
  Edits.insert(Lambda->getIntroducerRange().getEnd(), Text);
}

void addLeadingStatements(const LambdaExpr *Lambda,
                          llvm::ArrayRef<std::string> Statements,
                          const SourceManager &SM, EditSet &Edits) {
  const CompoundStmt *Body = Lambda->getCompoundStmtBody();
  SourceLocation LBrace = Body->getLBracLoc();
  SourceLocation Next = Body->body_empty() ? Body->getRBracLoc()
                                           : Body->body_front()->getBeginLoc();
  std::string Text;
  if (onSameLine(LBrace, Next, SM)) {
    // `[] { work(); }` becomes `[...] { restore; work(); }`.
    for (const std::string &S : Statements)
      Text.append(" ").append(S);
  } else {
    std::string Indent = Body->body_empty() ? lineIndentation(LBrace, SM) + "  "
                                            : lineIndentation(Next, SM);
    for (const std::string &S : Statements)
      Text.append("\n").append(Indent).append(S);
  }
  Edits.insert(LBrace.getLocWithOffset(1), Text);
}

} // namespace ctxloss::fixes
