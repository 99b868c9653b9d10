//===--- CodeQualityReporter.cpp - Findings as a GitLab code quality report
//===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// GitLab shows a code quality report (`artifacts: reports: codequality`) in
// merge requests: a JSON array of issues, each with a description, a check
// name, a fingerprint that identifies it across pipelines, a severity and a
// location (a path relative to the repository and a line).
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/Reporters.h"
#include "tool/ctxloss/SourceRoot.h"
#include "llvm/Support/JSON.h"

namespace ctxloss::cli {

void writeCodeQuality(llvm::ArrayRef<ProgramFinding> Findings,
                      llvm::StringRef SourceRoot, llvm::raw_ostream &OS) {
  llvm::json::Array Issues;
  for (const ProgramFinding &F : Findings) {
    std::string Path = relativeTo(SourceRoot, F.Loc.File).value_or(F.Loc.File);
    Issues.push_back(llvm::json::Object{
        {"type", "issue"},
        {"check_name", F.Check},
        {"description", F.Message},
        {"categories", llvm::json::Array{"Bug Risk"}},
        {"fingerprint", findingFingerprint(F, SourceRoot)},
        {"severity", "major"},
        {"location",
         llvm::json::Object{
             {"path", Path},
             {"lines", llvm::json::Object{{"begin", F.Loc.Line}}}}}});
  }
  OS << llvm::formatv("{0:2}\n", llvm::json::Value(std::move(Issues)));
}

} // namespace ctxloss::cli
