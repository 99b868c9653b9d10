//===--- LostInTaskOptions.cpp - The options of context-lost-in-task ------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/LostInTaskOptions.h"
#include "llvm/Support/YAMLParser.h"

namespace ctxloss {

template <typename T>
static T take(llvm::Expected<T> Parsed, llvm::StringRef Option,
              std::vector<std::string> &Errors) {
  if (Parsed)
    return std::move(*Parsed);
  Errors.push_back(
      ("option '" + Option + "': " + llvm::toString(Parsed.takeError())).str());
  return T();
}

static void invalidValue(llvm::StringRef Option, llvm::StringRef Value,
                         llvm::StringRef Expected,
                         std::vector<std::string> &Errors) {
  Errors.push_back(("option '" + Option + "': invalid value '" + Value +
                    "' (expected " + Expected + ")")
                       .str());
}

std::optional<bool> parseBooleanOption(llvm::StringRef Value) {
  if (std::optional<bool> Parsed = llvm::yaml::parseBool(Value))
    return Parsed;
  // Numbers, as clang-tidy also accepts them.
  long long Number = 0;
  if (!Value.getAsInteger(10, Number))
    return Number != 0;
  return std::nullopt;
}

LostInTaskOptions readLostInTaskOptions(llvm::StringRef CheckName,
                                        OptionLookup Get) {
  LostInTaskOptions O;
  auto Value = [&](llvm::StringRef Name, llvm::StringRef Default,
                   bool OrGlobal = false) {
    return Get(Name, OrGlobal).value_or(Default.str());
  };
  std::vector<std::string> &Errors = O.Errors;
  ContextOptions &Context = O.Analysis.Context;

  O.ContextVariables = Value("ContextVariables", "");
  Context.ContextVariables = take(NameRegexList::parse(O.ContextVariables),
                                  "ContextVariables", Errors);
  O.IgnoredVariables = Value("IgnoredVariables", "");
  Context.IgnoredVariables = take(NameRegexList::parse(O.IgnoredVariables),
                                  "IgnoredVariables", Errors);
  if (std::optional<std::string> Infer = Get("InferContextVariables", false)) {
    if (std::optional<bool> B = parseBooleanOption(*Infer))
      Context.InferContextVariables = *B;
    else
      invalidValue("InferContextVariables", *Infer, "'true' or 'false'",
                   Errors);
  }

  O.SpawnFunctions = Value("SpawnFunctions", "");
  O.Analysis.SpawnFunctions =
      take(parseSpawnFunctions(O.SpawnFunctions), "SpawnFunctions", Errors);
  O.PoolLikeClasses = Value("PoolLikeClasses", DefaultPoolLikeClasses);
  O.Analysis.Pools.Classes =
      take(NameRegexList::parse(O.PoolLikeClasses, /*IgnoreCase=*/true),
           "PoolLikeClasses", Errors);
  O.PoolLikeMethods = Value("PoolLikeMethods", DefaultPoolLikeMethods);
  O.Analysis.Pools.Methods =
      take(NameRegexList::parse(O.PoolLikeMethods, /*IgnoreCase=*/true),
           "PoolLikeMethods", Errors);
  O.CaptureWrappers = Value("CaptureWrappers", "");
  O.Analysis.CaptureWrappers =
      take(NameRegexList::parse(O.CaptureWrappers), "CaptureWrappers", Errors);

  O.TaskObjectOverrides = Value("TaskObjectOverrides", "false");
  if (std::optional<bool> B = parseBooleanOption(O.TaskObjectOverrides))
    O.Analysis.TaskObjectOverrides = *B;
  else
    invalidValue("TaskObjectOverrides", O.TaskObjectOverrides,
                 "'true' or 'false'", Errors);

  O.LoggingReadsContext = Value("LoggingReadsContext", "auto");
  if (O.LoggingReadsContext == "auto")
    O.Analysis.Logging = LoggingReads::Auto;
  else if (O.LoggingReadsContext == "true")
    O.Analysis.Logging = LoggingReads::Always;
  else if (O.LoggingReadsContext == "false")
    O.Analysis.Logging = LoggingReads::Never;
  else
    invalidValue("LoggingReadsContext", O.LoggingReadsContext,
                 "'auto', 'true' or 'false'", Errors);

  // A profile that is not built in is defined by options named after it:
  // `<check>.<profile>.Reads`, `.Restores`, `.Snapshot`, ...
  auto UserFields =
      [&](llvm::StringRef Profile) -> llvm::Expected<ProfileFields> {
    llvm::Expected<ProfileFields> F =
        readProfileFields(Profile, CheckName, [&](llvm::StringRef Option) {
          return Value(Option, "");
        });
    if (F)
      O.UserProfiles[Profile] = *F;
    return F;
  };
  O.Profiles = Value("Profiles", DefaultProfiles);
  O.ContextAccessors = Value("ContextAccessors", "");
  NameRegexList Accessors = take(NameRegexList::parse(O.ContextAccessors),
                                 "ContextAccessors", Errors);
  O.Analysis.Profiles =
      take(ProfileSet::create(O.Profiles, std::move(Accessors), UserFields),
           "Profiles", Errors);

  O.FixStrategy = Value("FixStrategy", "copy-and-run");
  if (llvm::Expected<fixes::FixStrategy> Parsed =
          fixes::parseFixStrategy(O.FixStrategy))
    O.Strategy = *Parsed;
  else
    take(std::move(Parsed), "FixStrategy", Errors);

  if (std::optional<std::string> Style = Get("IncludeStyle", true)) {
    if (*Style == "llvm")
      O.IncludeStyle = clang::tidy::utils::IncludeSorter::IS_LLVM;
    else if (*Style == "google")
      O.IncludeStyle = clang::tidy::utils::IncludeSorter::IS_Google;
    else
      invalidValue("IncludeStyle", *Style, "'llvm' or 'google'", Errors);
  }
  return O;
}

std::string LostInTaskOptions::summaryFingerprint() const {
  // The summary records reads and writes whatever the context model says;
  // only what is recognised as a spawn changes it.
  std::string Text = SpawnFunctions + "\n" + PoolLikeClasses + "\n" +
                     PoolLikeMethods + "\n" + CaptureWrappers + "\n" +
                     (Analysis.TaskObjectOverrides ? "any-override" : "") +
                     "\n" + LoggingReadsContext + "\n" + Profiles + "\n" +
                     ContextAccessors;
  for (const auto &Entry : UserProfiles) {
    const ProfileFields &F = Entry.getValue();
    for (const std::string *Field :
         {&F.Reads, &F.Restores, &F.Snapshot, &F.Restore, &F.Header,
          &F.Propagators, &F.Description})
      Text += "\n" + *Field;
  }
  return Text;
}

std::string LostInTaskOptions::analysisFingerprint() const {
  return summaryFingerprint() + "\n" + ContextVariables + "\n" +
         IgnoredVariables + "\n" +
         (Analysis.Context.InferContextVariables ? "infer" : "no-infer") +
         "\n" + FixStrategy + "\n" + std::to_string(IncludeStyle);
}

} // namespace ctxloss
