//===--- Config.cpp - Check options for the ctxloss driver ----------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/Config.h"
#include "checks/LostInTaskOptions.h"
#include "checks/analysis/ProgramAnalysis.h"
#include "clang-tidy/GlobList.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace clang::tidy;

namespace ctxloss::cli {

llvm::Expected<std::unique_ptr<Config>>
Config::create(llvm::StringRef ConfigText, llvm::StringRef ConfigFile,
               llvm::StringRef Checks) {
  ClangTidyGlobalOptions Global;
  // Only the context checks run here; a .clang-tidy may still turn them off.
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,context-*";
  ClangTidyOptions Overrides;
  if (!Checks.empty())
    Overrides.Checks = Checks.str();

  std::string Text = ConfigText.str();
  std::string Source = "--config";
  if (!ConfigFile.empty()) {
    if (!Text.empty())
      return llvm::createStringError(
          "--config and --config-file are mutually exclusive");
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        llvm::MemoryBuffer::getFile(ConfigFile);
    if (!Buffer)
      return llvm::createStringError("cannot read config file '%s': %s",
                                     ConfigFile.str().c_str(),
                                     Buffer.getError().message().c_str());
    Text = (*Buffer)->getBuffer().str();
    Source = "config file '" + ConfigFile.str() + "'";
  }
  if (Text.empty())
    return std::unique_ptr<Config>(new Config(
        std::make_unique<FileOptionsProvider>(Global, Defaults, Overrides)));
  llvm::ErrorOr<ClangTidyOptions> Parsed =
      parseConfiguration(llvm::MemoryBufferRef(Text, Source));
  if (!Parsed)
    return llvm::createStringError("invalid %s: %s", Source.c_str(),
                                   Parsed.getError().message().c_str());
  return std::unique_ptr<Config>(
      new Config(std::make_unique<ConfigOptionsProvider>(Global, Defaults,
                                                         *Parsed, Overrides)));
}

static std::unique_ptr<CheckConfig> parse(const ClangTidyOptions &Opts) {
  auto C = std::make_unique<CheckConfig>();
  llvm::StringRef Engine = LostInTaskCheckName;
  if (Opts.Checks) {
    GlobList Enabled(*Opts.Checks);
    for (const ContextCheckInfo &Check : ContextChecks)
      if (Enabled.contains(Check.Name))
        C->Enabled.insert(Check.Name);
  }
  // One analysis of the program: the engine's options are those of the
  // first enabled check (each check's own, or else global, as the checks
  // read them).
  for (const ContextCheckInfo &Check : ContextChecks)
    if (C->enabled(Check.Name)) {
      Engine = Check.Name;
      break;
    }
  // The checks' own reader: the same values, the same errors.
  LostInTaskOptions Parsed = readLostInTaskOptions(
      Engine, [&](llvm::StringRef Name, bool) -> std::optional<std::string> {
        auto It = Opts.CheckOptions.find((Engine + "." + Name).str());
        if (It == Opts.CheckOptions.end())
          It = Opts.CheckOptions.find(Name);
        if (It == Opts.CheckOptions.end())
          return std::nullopt;
        return It->second.Value;
      });
  C->Analysis = std::move(Parsed.Analysis);
  C->Strategy = Parsed.Strategy;
  C->IncludeStyle = Parsed.IncludeStyle;
  C->SummaryFingerprint = Parsed.summaryFingerprint();
  for (const std::string &Error : Parsed.Errors)
    C->Errors.push_back((Engine + ": " + Error).str());
  // The awaitables of context-lost-after-suspend, as the check reads them
  // (its own options only).
  auto Suspend = [&](llvm::StringRef Name, llvm::StringRef Default,
                     NameRegexList &Out) {
    auto It =
        Opts.CheckOptions.find((LostAfterSuspendCheckName + "." + Name).str());
    std::string Raw =
        It == Opts.CheckOptions.end() ? Default.str() : It->second.Value;
    C->SummaryFingerprint += "\n" + Raw;
    llvm::Expected<NameRegexList> List = NameRegexList::parse(Raw);
    if (List)
      Out = std::move(*List);
    else
      C->Errors.push_back((LostAfterSuspendCheckName + ": option '" + Name +
                           "': " + llvm::toString(List.takeError()))
                              .str());
  };
  Suspend("Awaitables", "", C->Suspend.Awaitables);
  Suspend("SameThreadAwaitables", DefaultSameThreadAwaitables,
          C->Suspend.SameThreadAwaitables);
  return C;
}

const CheckConfig &Config::forFile(llvm::StringRef File) {
  llvm::StringRef Dir = llvm::sys::path::parent_path(File);
  std::scoped_lock Guard(Lock);
  std::unique_ptr<CheckConfig> &Slot = ByDirectory[Dir];
  if (!Slot)
    Slot = parse(Provider->getOptions(File));
  return *Slot;
}

std::vector<std::string> Config::filesFor(llvm::StringRef File) {
  std::scoped_lock Guard(Lock);
  std::vector<std::string> Out;
  // Each source names where its options come from: a file's path, or a
  // description such as "command-line option '-checks'".
  for (const auto &[Options, Source] : Provider->getRawOptions(File))
    if (llvm::sys::path::is_absolute(Source) &&
        llvm::sys::fs::is_regular_file(Source))
      Out.push_back(Source);
  return Out;
}

} // namespace ctxloss::cli
