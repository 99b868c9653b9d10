//===--- Config.cpp - Check options for the ctxloss driver ----------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/Config.h"
#include "checks/analysis/Profile.h"
#include "checks/analysis/ProgramAnalysis.h"
#include "clang-tidy/GlobList.h"
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

template <typename T>
static T take(llvm::Expected<T> Parsed, llvm::StringRef Option,
              std::vector<std::string> &Errors) {
  if (Parsed)
    return std::move(*Parsed);
  Errors.push_back(("context-lost-in-task: option '" + Option +
                    "': " + llvm::toString(Parsed.takeError()))
                       .str());
  return T();
}

static std::unique_ptr<CheckConfig> parse(const ClangTidyOptions &Opts) {
  auto C = std::make_unique<CheckConfig>();
  C->Enabled =
      Opts.Checks && GlobList(*Opts.Checks).contains(LostInTaskCheckName);
  auto Get = [&](llvm::StringRef Name, llvm::StringRef Default) {
    auto It = Opts.CheckOptions.find((LostInTaskCheckName + "." + Name).str());
    return It == Opts.CheckOptions.end() ? Default.str() : It->second.Value;
  };
  std::vector<std::string> &Errors = C->Errors;
  ContextOptions &Context = C->Analysis.Context;
  Context.ContextVariables =
      take(NameRegexList::parse(Get("ContextVariables", "")),
           "ContextVariables", Errors);
  Context.IgnoredVariables =
      take(NameRegexList::parse(Get("IgnoredVariables", "")),
           "IgnoredVariables", Errors);
  std::string Infer =
      llvm::StringRef(Get("InferContextVariables", "true")).trim().lower();
  if (Infer == "true" || Infer == "1")
    Context.InferContextVariables = true;
  else if (Infer == "false" || Infer == "0")
    Context.InferContextVariables = false;
  else
    Errors.push_back("context-lost-in-task: option 'InferContextVariables': "
                     "invalid value '" +
                     Infer + "' (expected 'true' or 'false')");
  std::string Spawns = Get("SpawnFunctions", "");
  std::string Classes = Get("PoolLikeClasses", DefaultPoolLikeClasses);
  std::string Methods = Get("PoolLikeMethods", DefaultPoolLikeMethods);
  C->Analysis.SpawnFunctions =
      take(parseSpawnFunctions(Spawns), "SpawnFunctions", Errors);
  C->Analysis.Pools.Classes =
      take(NameRegexList::parse(Classes, /*IgnoreCase=*/true),
           "PoolLikeClasses", Errors);
  C->Analysis.Pools.Methods =
      take(NameRegexList::parse(Methods, /*IgnoreCase=*/true),
           "PoolLikeMethods", Errors);
  std::string Wrappers = Get("CaptureWrappers", "");
  C->Analysis.CaptureWrappers =
      take(NameRegexList::parse(Wrappers), "CaptureWrappers", Errors);
  std::string Logging = Get("LoggingReadsContext", "auto");
  if (Logging == "auto")
    C->Analysis.Logging = LoggingReads::Auto;
  else if (Logging == "true")
    C->Analysis.Logging = LoggingReads::Always;
  else if (Logging == "false")
    C->Analysis.Logging = LoggingReads::Never;
  else
    Errors.push_back("context-lost-in-task: option 'LoggingReadsContext': "
                     "invalid value '" +
                     Logging + "' (expected 'auto', 'true' or 'false')");
  // Profiles, and user-defined ones from options named after them.
  std::string Profiles = Get("Profiles", DefaultProfiles);
  std::string Accessors = Get("ContextAccessors", "");
  std::string ProfileFingerprint;
  auto UserFields =
      [&](llvm::StringRef Profile) -> llvm::Expected<ProfileFields> {
    return readProfileFields(Profile, LostInTaskCheckName,
                             [&](llvm::StringRef Option) {
                               std::string Value = Get(Option.str(), "");
                               ProfileFingerprint += "\n" + Value;
                               return Value;
                             });
  };
  NameRegexList AccessorList =
      take(NameRegexList::parse(Accessors), "ContextAccessors", Errors);
  C->Analysis.Profiles =
      take(ProfileSet::create(Profiles, std::move(AccessorList), UserFields),
           "Profiles", Errors);
  llvm::Expected<fixes::FixStrategy> Strategy =
      fixes::parseFixStrategy(Get("FixStrategy", "copy-and-run"));
  C->Strategy = take(std::move(Strategy), "FixStrategy", Errors);
  // The summary records reads and writes whatever the context model says;
  // only what is recognised as a spawn changes it.
  C->SummaryFingerprint = Spawns + "\n" + Classes + "\n" + Methods + "\n" +
                          Wrappers + "\n" + Logging + "\n" + Profiles + "\n" +
                          Accessors + ProfileFingerprint;
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

} // namespace ctxloss::cli
