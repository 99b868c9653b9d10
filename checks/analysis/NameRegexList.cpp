//===--- NameRegexList.cpp - Qualified names matched by regexes -----------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/NameRegexList.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include <mutex>
#include <optional>

namespace ctxloss {

namespace {
/// Expands an entry made of literal characters, groups of alternatives and
/// optional groups (`a::(b|c)(::d)?`) into the names it matches: the same
/// set `^(entry)$` matches. Anything else is a pattern: std::nullopt.
class NameExpander {
public:
  explicit NameExpander(llvm::StringRef Entry) : Rest(Entry) {}

  std::optional<std::vector<std::string>> expand() {
    std::optional<std::vector<std::string>> Names = alternatives();
    if (!Names || !Rest.empty())
      return std::nullopt;
    return Names;
  }

private:
  /// At most this many names per entry; more is left to the regex.
  static constexpr size_t MaxNames = 64;

  std::optional<std::vector<std::string>> alternatives() {
    std::vector<std::string> All;
    while (true) {
      std::optional<std::vector<std::string>> Seq = sequence();
      if (!Seq)
        return std::nullopt;
      All.insert(All.end(), Seq->begin(), Seq->end());
      if (All.size() > MaxNames)
        return std::nullopt;
      if (!Rest.consume_front("|"))
        return All;
    }
  }

  std::optional<std::vector<std::string>> sequence() {
    std::vector<std::string> Names = {""};
    while (!Rest.empty() && Rest.front() != '|' && Rest.front() != ')') {
      std::vector<std::string> Part;
      if (Rest.consume_front("(")) {
        std::optional<std::vector<std::string>> Inner = alternatives();
        if (!Inner || !Rest.consume_front(")"))
          return std::nullopt;
        Part = std::move(*Inner);
        if (Rest.consume_front("?"))
          Part.emplace_back();
      } else {
        size_t Len = Rest.find_first_of(".*+?[]{}^$\\|()");
        if (Len == 0)
          return std::nullopt; // A regex operator.
        Part.push_back(Rest.take_front(Len).str());
        Rest = Rest.drop_front(Part.back().size());
      }
      std::vector<std::string> Next;
      for (const std::string &Head : Names)
        for (const std::string &Tail : Part)
          Next.push_back(Head + Tail);
      if (Next.size() > MaxNames)
        return std::nullopt;
      Names = std::move(Next);
    }
    return Names;
  }

  llvm::StringRef Rest;
};
} // namespace

llvm::Expected<NameRegexList> NameRegexList::compile(llvm::StringRef Option,
                                                     bool IgnoreCase) {
  NameRegexList List;
  List.IgnoreCase = IgnoreCase;
  auto Names = std::make_shared<llvm::StringSet<>>();
  llvm::SmallVector<llvm::StringRef, 4> Entries;
  Option.split(Entries, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Entry : Entries) {
    Entry = Entry.trim();
    if (Entry.empty())
      continue;
    if (std::optional<std::vector<std::string>> Expanded =
            NameExpander(Entry).expand()) {
      for (const std::string &Name : *Expanded)
        Names->insert(IgnoreCase ? llvm::StringRef(Name).lower() : Name);
      continue;
    }
    auto Re = std::make_shared<llvm::Regex>(("^(" + Entry + ")$").str(),
                                            IgnoreCase ? llvm::Regex::IgnoreCase
                                                       : llvm::Regex::NoFlags);
    std::string Error;
    if (!Re->isValid(Error))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "invalid regular expression '%s': %s",
                                     Entry.str().c_str(), Error.c_str());
    List.Patterns.push_back(std::move(Re));
  }
  if (!Names->empty())
    List.Names = std::move(Names);
  return List;
}

llvm::Expected<NameRegexList> NameRegexList::parse(llvm::StringRef Option,
                                                   bool IgnoreCase) {
  // Compiling the regexes is most of what reading the options costs, and
  // clang-tidy constructs every check anew for each translation unit, four
  // context checks at a time. Lists compiled once are shared: a compiled
  // llvm::Regex is only read by match(). Failures are not kept; they are
  // reported once per check. The cache holds what the configuration names,
  // a handful of strings, and is emptied if a host feeds it many.
  static std::mutex Lock;
  static llvm::StringMap<NameRegexList> Compiled;
  std::string Key = (IgnoreCase ? "i:" : "c:") + Option.str();
  {
    std::scoped_lock Guard(Lock);
    auto It = Compiled.find(Key);
    if (It != Compiled.end())
      return It->second;
  }
  llvm::Expected<NameRegexList> List = compile(Option, IgnoreCase);
  if (List) {
    std::scoped_lock Guard(Lock);
    if (Compiled.size() >= 256)
      Compiled.clear();
    Compiled.try_emplace(Key, *List);
  }
  return List;
}

bool NameRegexList::matches(llvm::StringRef QualifiedName) const {
  QualifiedName.consume_front("::");
  if (Names && (IgnoreCase ? Names->contains(QualifiedName.lower())
                           : Names->contains(QualifiedName)))
    return true;
  return llvm::any_of(Patterns, [&](const std::shared_ptr<llvm::Regex> &Re) {
    return Re->match(QualifiedName);
  });
}

} // namespace ctxloss
