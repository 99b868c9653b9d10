//===--- RuleHelp.cpp - The help of each check's SARIF rule ---------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/RuleHelp.h"
#include "llvm/ADT/StringRef.h"

namespace ctxloss::cli {

namespace {

/// A short example of a check: the bug, and the code once fixed.
struct Example {
  llvm::StringLiteral Check;
  llvm::StringLiteral Before;
  llvm::StringLiteral After;
};

// The examples of every check, written from its definition (DESIGN.md §3).
// A check missing here still gets its summary, options and page.
constexpr Example Examples[] = {
    {LostInTaskCheckName,
     "thread_local std::string request_id;\n"
     "void log_info(std::string_view msg) { write_line(request_id, msg); }\n"
     "\n"
     "pool.submit([order] {\n"
     "  log_info(\"charging \" + order.id);  // reads an empty request_id\n"
     "});\n",
     "pool.submit([order, ctx_request_id = request_id] {\n"
     "  ctxloss::scoped_value restore(request_id, ctx_request_id);\n"
     "  log_info(\"charging \" + order.id);\n"
     "});\n"},
    {WriteLostInTaskCheckName,
     "std::thread t([&] { request_id = load_session(token); });\n"
     "t.join();\n"
     "log_info(\"session loaded\");  // request_id was set on the task's "
     "thread\n",
     "std::string session;\n"
     "std::thread t([&] { session = load_session(token); });\n"
     "t.join();\n"
     "request_id = session;  // set on this thread\n"
     "log_info(\"session loaded\");\n"},
    {LeakedFromTaskCheckName,
     "pool.submit([req] {\n"
     "  request_id = req.id;  // never put back: the worker's next task "
     "sees it\n"
     "  handle(req);\n"
     "});\n",
     "pool.submit([req] {\n"
     "  // restored on every path out, exceptions included\n"
     "  ctxloss::scoped_value restore(request_id, req.id);\n"
     "  handle(req);\n"
     "});\n"},
    {LostAfterSuspendCheckName,
     "task<void> handle(Request req) {\n"
     "  request_id = req.id;\n"
     "  auto body = co_await read_body(req);  // may resume on another "
     "thread\n"
     "  log_info(\"body read\");  // reads that thread's request_id\n"
     "}\n",
     "task<void> handle(Request req) {\n"
     "  request_id = req.id;\n"
     "  std::string rid = request_id;\n"
     "  auto body = co_await read_body(req);\n"
     "  ctxloss::scoped_value restore(request_id, rid);\n"
     "  log_info(\"body read\");\n"
     "}\n"},
};

struct OptionHelp {
  llvm::StringLiteral Name;
  llvm::StringLiteral Text;
};

// Every check of the module reads the same options (LostInTaskOptions.h:
// the engine's, and how fixes are spelled); each page describes them fully.
constexpr OptionHelp Options[] = {
    {"ContextVariables", "regular expressions: thread-locals that are context"},
    {"IgnoredVariables", "regular expressions: thread-locals that never are"},
    {"InferContextVariables",
     "whether a thread-local set in one function and read in another is "
     "context (default true)"},
    {"SpawnFunctions", "further functions that run an argument on another "
                       "thread (`name:index`)"},
    {"PoolLikeClasses", "regular expressions: classes whose calls of "
                        "PoolLikeMethods run a callable on a pool"},
    {"PoolLikeMethods", "regular expressions: those member functions"},
    {"Profiles", "the context libraries understood (thread-local, "
                 "opentelemetry, folly, log4cxx, spdlog, python)"},
    {"ContextAccessors", "regular expressions: functions whose call reads "
                         "context"},
    {"CaptureWrappers", "regular expressions: wrappers that carry context "
                        "into a task"},
    {"LoggingReadsContext",
     "whether log4cxx/spdlog logging calls read their context (auto, true, "
     "false)"},
    {"FixStrategy", "copy-and-run or explicit-parameter"},
    {"IncludeStyle", "llvm or google, for the inserted include"},
};

} // namespace

static const Example *exampleOf(llvm::StringRef Check) {
  for (const Example &E : Examples)
    if (E.Check == Check)
      return &E;
  return nullptr;
}

llvm::StringRef homepageUrl() { return CTXLOSS_HOMEPAGE_URL; }

llvm::StringRef docsBaseUrl() { return CTXLOSS_DOCS_URL; }

std::string checkDocsUrl(const ContextCheckInfo &Check) {
  std::string Base = docsBaseUrl().str();
  if (!llvm::StringRef(Base).ends_with("/"))
    Base += "/";
  return Base + "checks/" + Check.Name.str() + ".rst";
}

std::string ruleFullDescription(const ContextCheckInfo &Check) {
  return Check.Summary.str() +
         " The warning is reported where the context is lost, with notes "
         "walking the path to where it is used; see " +
         checkDocsUrl(Check) + ".";
}

/// Indents each line of \p Code by \p Indent.
static std::string indent(llvm::StringRef Code, llvm::StringRef Indent) {
  std::string Out;
  while (!Code.empty()) {
    auto [Line, Rest] = Code.split('\n');
    Out += Line.empty() ? "" : Indent.str() + Line.str();
    Out += "\n";
    Code = Rest;
  }
  return Out;
}

std::string ruleHelpText(const ContextCheckInfo &Check) {
  std::string Out = Check.Summary.str() + "\n";
  if (const Example *E = exampleOf(Check.Name)) {
    Out += "\nBefore:\n\n" + indent(E->Before, "    ");
    Out += "\nAfter:\n\n" + indent(E->After, "    ");
  }
  Out += "\nOptions (as clang-tidy's, e.g. " + Check.Name.str() +
         ".ContextVariables):\n\n";
  for (const OptionHelp &O : Options)
    Out += "  " + O.Name.str() + ": " + O.Text.str() + "\n";
  Out += "\nDocumentation: " + checkDocsUrl(Check) + "\n";
  return Out;
}

std::string ruleHelpMarkdown(const ContextCheckInfo &Check) {
  std::string Out = Check.Summary.str() + "\n";
  if (const Example *E = exampleOf(Check.Name)) {
    Out += "\n**Before**\n\n```cpp\n" + E->Before.str() + "```\n";
    Out += "\n**After**\n\n```cpp\n" + E->After.str() + "```\n";
  }
  Out += "\n**Options** (as clang-tidy's, e.g. `" + Check.Name.str() +
         ".ContextVariables`)\n\n";
  for (const OptionHelp &O : Options)
    Out += "- `" + O.Name.str() + "`: " + O.Text.str() + "\n";
  Out += "\n[Documentation of " + Check.Name.str() + "](" +
         checkDocsUrl(Check) + ")\n";
  return Out;
}

} // namespace ctxloss::cli
