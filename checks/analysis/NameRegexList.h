//===--- NameRegexList.h - Qualified names matched by regexes ---*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The `;`-separated lists of regular expressions that options and profiles
/// name functions, classes and variables with, each matched against a whole
/// qualified name.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_NAMEREGEXLIST_H
#define CTXLOSS_ANALYSIS_NAMEREGEXLIST_H

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <vector>

namespace ctxloss {

/// A `;`-separated list of regular expressions, each matched against a whole
/// qualified name (without a leading `::`).
///
/// Most entries are names with alternatives (`folly::RequestContext::(get|
/// try_get)`), not patterns: those are expanded to the names they match and
/// looked up, which costs less to build and to match than a regex. The rest
/// are compiled with llvm::Regex. Parsed lists are cached and shared.
class NameRegexList {
public:
  /// Fails, naming the offending entry, when a regex does not compile.
  static llvm::Expected<NameRegexList> parse(llvm::StringRef Option,
                                             bool IgnoreCase = false);

  bool matches(llvm::StringRef QualifiedName) const;
  bool empty() const { return Patterns.empty() && !Names; }

private:
  static llvm::Expected<NameRegexList> compile(llvm::StringRef Option,
                                               bool IgnoreCase);

  bool IgnoreCase = false;
  /// The entries that name names; lower-case when IgnoreCase.
  std::shared_ptr<const llvm::StringSet<>> Names;
  std::vector<std::shared_ptr<llvm::Regex>> Patterns;
};

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_NAMEREGEXLIST_H
