//===--- RuleHelp.h - The help of each check's SARIF rule -------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// What a reader of a SARIF log (GitHub code scanning shows it beside each
/// alert) learns about a check: its summary sentence (from ContextChecks.h,
/// the one place it is written), a short before/after, its options, and
/// the address of its page under docs/checks/. One table serves every rule.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_RULEHELP_H
#define CTXLOSS_TOOL_CTXLOSS_RULEHELP_H

#include "checks/analysis/ContextChecks.h"
#include <string>

namespace ctxloss::cli {

/// The project's home page (SARIF's `tool.driver.informationUri`).
llvm::StringRef homepageUrl();

/// The base address of the documentation, ending in `/`: the `docs/`
/// directory of the repository unless the build set CTXLOSS_DOCS_URL.
llvm::StringRef docsBaseUrl();

/// The address of \p Check's page: `<docs>/checks/<name>.rst`.
std::string checkDocsUrl(const ContextCheckInfo &Check);

/// The rule's help as plain text: the summary, before and after, options.
std::string ruleHelpText(const ContextCheckInfo &Check);

/// The same as Markdown, with code blocks and a link to the page.
std::string ruleHelpMarkdown(const ContextCheckInfo &Check);

/// The rule's `fullDescription`: the summary and what to do about it.
std::string ruleFullDescription(const ContextCheckInfo &Check);

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_RULEHELP_H
