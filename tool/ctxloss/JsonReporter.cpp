//===--- JsonReporter.cpp - Findings as JSON ------------------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/Reporters.h"
#include "llvm/Support/JSON.h"

namespace ctxloss::cli {

static llvm::json::Object located(const summary::Location &Loc,
                                  llvm::StringRef Message) {
  return llvm::json::Object{{"file", Loc.File},
                            {"line", Loc.Line},
                            {"column", Loc.Column},
                            {"message", Message}};
}

void writeJson(llvm::ArrayRef<ProgramFinding> Findings, llvm::raw_ostream &OS) {
  llvm::json::Array List;
  for (const ProgramFinding &F : Findings) {
    llvm::json::Object Finding = located(F.Loc, F.Message);
    Finding["check"] = F.Check;
    Finding["key"] = F.Key;
    Finding["boundary"] = F.Boundary;
    llvm::json::Array Notes;
    for (const ProgramNote &N : F.Notes)
      Notes.push_back(located(N.Loc, N.Message));
    Finding["notes"] = std::move(Notes);
    List.push_back(std::move(Finding));
  }
  OS << llvm::formatv("{0:2}\n",
                      llvm::json::Value(llvm::json::Object{
                          {"version", 1}, {"findings", std::move(List)}}));
}

} // namespace ctxloss::cli
