//===--- SarifReporter.cpp - Findings as SARIF 2.1.0 ----------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/Version.h"
#include "tool/ctxloss/Reporters.h"
#include "tool/ctxloss/RuleHelp.h"
#include "tool/ctxloss/SourceRoot.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

using llvm::json::Array;
using llvm::json::Object;

namespace ctxloss::cli {

static constexpr llvm::StringLiteral RootId = "SRCROOT";

/// Percent-encodes what may not appear in a URI path.
static std::string encodeUriPath(llvm::StringRef Path) {
  std::string Out;
  for (char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C))
      Out += C;
    else
      Out += "%" + llvm::utohexstr(static_cast<unsigned char>(C), false, 2);
  }
  return Out;
}

std::string findingFingerprint(const ProgramFinding &F,
                               llvm::StringRef SourceRoot) {
  // Lambdas and regions are named by position: only their kind counts.
  auto Stable = [](llvm::StringRef Id) {
    for (llvm::StringRef Kind : {"lambda:", "region:"})
      if (Id.starts_with(Kind))
        return Kind.str();
    return Id.str();
  };
  std::string Text = F.Key + "|" + Stable(F.Spawner) + "|" + F.Boundary;
  for (const std::string &Fn : F.Chain)
    Text += "|" + Stable(Fn);
  Text += "|" + relativeTo(SourceRoot, F.Loc.File).value_or(F.Loc.File);
  return llvm::utohexstr(llvm::xxh3_64bits(Text), true, 16);
}

namespace {

class SarifWriter {
public:
  explicit SarifWriter(llvm::StringRef SourceRoot) : Root(SourceRoot) {
    Root.consume_back("/");
  }

  Object log(llvm::ArrayRef<ProgramFinding> Findings,
             llvm::ArrayRef<ProgramFinding> Suppressed) {
    Array Results;
    for (const ProgramFinding &F : Findings)
      Results.push_back(result(F));
    for (const ProgramFinding &F : Suppressed) {
      Object R = result(F);
      R["suppressions"] = Array{Object{{"kind", "inSource"}}};
      Results.push_back(std::move(R));
    }
    Object Run{{"tool", Object{{"driver", driver()}}},
               {"originalUriBaseIds",
                Object{{RootId, Object{{"uri", "file://" + encodeUriPath(Root) +
                                                   "/"}}}}},
               {"columnKind", "unicodeCodePoints"},
               {"results", std::move(Results)}};
    return Object{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                  {"version", "2.1.0"},
                  {"runs", Array{std::move(Run)}}};
  }

private:
  static int64_t ruleIndex(llvm::StringRef Check) {
    return findContextCheck(Check) - std::begin(ContextChecks);
  }

  static Object driver() {
    Array Rules;
    for (const ContextCheckInfo &Check : ContextChecks)
      Rules.push_back(Object{
          {"id", Check.Name},
          {"name", Check.RuleName},
          {"shortDescription", Object{{"text", Check.Summary}}},
          {"fullDescription", Object{{"text", ruleFullDescription(Check)}}},
          {"help", Object{{"text", ruleHelpText(Check)},
                          {"markdown", ruleHelpMarkdown(Check)}}},
          {"helpUri", checkDocsUrl(Check)},
          {"defaultConfiguration", Object{{"level", "warning"}}},
          {"properties",
           Object{{"tags", Array{"correctness", "concurrency"}}}}});
    return Object{{"name", "ctxloss"},
                  {"informationUri", homepageUrl()},
                  {"version", fullVersion()},
                  {"semanticVersion", semanticVersion()},
                  {"rules", std::move(Rules)}};
  }

  /// The path of \p File relative to the root, when it is under it.
  std::optional<std::string> relative(llvm::StringRef File) const {
    if (Root.empty() || !File.starts_with(Root) ||
        File.substr(Root.size(), 1) != "/")
      return std::nullopt;
    return File.substr(Root.size() + 1).str();
  }

  Object physical(const summary::Location &Loc) const {
    Object Artifact;
    if (std::optional<std::string> Rel = relative(Loc.File)) {
      Artifact["uri"] = encodeUriPath(*Rel);
      Artifact["uriBaseId"] = RootId;
    } else {
      Artifact["uri"] = "file://" + encodeUriPath(Loc.File);
    }
    return Object{{"artifactLocation", std::move(Artifact)},
                  {"region", Object{{"startLine", Loc.Line},
                                    {"startColumn", Loc.Column}}}};
  }

  Object location(const summary::Location &Loc, llvm::StringRef Message) const {
    Object L{{"physicalLocation", physical(Loc)}};
    if (!Message.empty())
      L["message"] = Object{{"text", Message}};
    return L;
  }

  Object result(const ProgramFinding &F) const {
    Array Related;
    Array Flow;
    // The flow starts where the finding is: a spawn, or for a coroutine
    // the read after its suspension.
    llvm::StringRef Start = F.Check == LostAfterSuspendCheckName
                                ? "the context is read here, after a "
                                  "suspension point"
                                : "the task is started here";
    Flow.push_back(
        Object{{"location", location(F.Loc, Start)}, {"nestingLevel", 0}});
    unsigned Id = 1;
    for (const ProgramNote &N : F.Notes) {
      Object L = location(N.Loc, N.Message);
      Flow.push_back(Object{{"location", Object(L)}, {"nestingLevel", 1}});
      L["id"] = Id++;
      Related.push_back(std::move(L));
    }
    Object ThreadFlow{{"locations", std::move(Flow)}};
    return Object{
        {"ruleId", F.Check},
        {"ruleIndex", ruleIndex(F.Check)},
        {"level", "warning"},
        {"message", Object{{"text", F.Message}}},
        {"locations", Array{location(F.Loc, "")}},
        {"relatedLocations", std::move(Related)},
        {"codeFlows",
         Array{Object{{"threadFlows", Array{std::move(ThreadFlow)}}}}},
        {"partialFingerprints",
         Object{{"contextLossPath/v1", findingFingerprint(F, Root)}}}};
  }

  llvm::StringRef Root;
};

} // namespace

void writeSarif(llvm::ArrayRef<ProgramFinding> Findings,
                llvm::ArrayRef<ProgramFinding> Suppressed,
                llvm::StringRef SourceRoot, llvm::raw_ostream &OS) {
  OS << llvm::formatv(
      "{0:2}\n",
      llvm::json::Value(SarifWriter(SourceRoot).log(Findings, Suppressed)));
}

} // namespace ctxloss::cli
