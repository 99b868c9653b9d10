//===--- Profile.cpp - Context families and their APIs --------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/analysis/Profile.h"
#include "checks/analysis/Annotations.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace ctxloss {

static NameRegexList regexes(llvm::StringRef List) {
  llvm::Expected<NameRegexList> Parsed = NameRegexList::parse(List);
  // Built-in lists are fixed; a broken one is a bug caught by the tests.
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return {};
  }
  return std::move(*Parsed);
}

/// `Tracer::StartSpan` parents the new span on the current context unless
/// the caller passes `StartSpanOptions` (which may name the parent).
static bool startsSpanFromCurrent(const CallExpr *Call) {
  return llvm::none_of(Call->arguments(), [](const Expr *Arg) {
    if (isa<CXXDefaultArgExpr>(Arg))
      return false;
    const auto *Class =
        Arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
    return Class && Class->getName() == "StartSpanOptions";
  });
}

std::unique_ptr<Profile> makeBuiltinProfile(llvm::StringRef Name) {
  auto P = std::make_unique<Profile>();
  P->Name = Name.str();
  if (Name == "thread-local") {
    P->Description = "thread-local context";
  } else if (Name == "opentelemetry") {
    P->Description = "OpenTelemetry context";
    P->Reads =
        regexes("opentelemetry::context::RuntimeContext::(GetCurrent|GetValue);"
                "opentelemetry::trace::Tracer::(GetCurrentSpan|StartSpan)");
    P->IsRead = [](const CallExpr *Call) {
      const FunctionDecl *Fn = Call->getDirectCallee();
      return !Fn || Fn->getName() != "StartSpan" || startsSpanFromCurrent(Call);
    };
    P->Restores = regexes("opentelemetry::context::RuntimeContext::Attach;"
                          "opentelemetry::trace::Scope;"
                          "opentelemetry::trace::Tracer::WithActiveSpan");
    P->GuardCalls = regexes("opentelemetry::context::RuntimeContext::Attach;"
                            "opentelemetry::trace::Tracer::WithActiveSpan");
    P->Unsets = regexes("opentelemetry::context::RuntimeContext::Detach");
    P->Snapshot = "opentelemetry::context::RuntimeContext::GetCurrent()";
    P->Restore =
        "auto $guard = opentelemetry::context::RuntimeContext::Attach($ctx);";
    P->Header = "<opentelemetry/context/runtime_context.h>";
    P->Advice = "capture 'opentelemetry::context::RuntimeContext::"
                "GetCurrent()' at the spawn and keep the token of "
                "'RuntimeContext::Attach' alive in the task";
  } else if (Name == "folly") {
    P->Description = "folly RequestContext";
    P->Reads = regexes("folly::RequestContext::(get|try_get|getStaticContext)");
    P->Restores = regexes(
        "folly::RequestContext::setContext;"
        "folly::(RequestContextScopeGuard|ShallowCopyRequestContextScopeGuard|"
        "RequestContextSaverScopeGuard)");
    // folly's executors and futures capture the RequestContext when a task
    // is added and restore it when it runs.
    P->Propagators = regexes("folly::.*");
    P->Snapshot = "folly::RequestContext::saveContext()";
    P->Restore = "folly::RequestContextScopeGuard $guard($ctx);";
    P->Header = "<folly/io/async/Request.h>";
    P->Advice = "capture 'folly::RequestContext::saveContext()' at the spawn "
                "and restore it in the task with a "
                "'folly::RequestContextScopeGuard'";
  } else if (Name == "log4cxx") {
    P->Description = "log4cxx MDC/NDC context";
    P->Reads = regexes("log4cxx::MDC::get;log4cxx::NDC::(get|peek)");
    P->LoggingReads = regexes(
        "log4cxx::Logger::(forcedLog|forcedLogLS|log|logLS|trace|debug|info|"
        "warn|error|fatal)");
    P->PatternSetters =
        regexes("log4cxx::PatternLayout(::setConversionPattern)?");
    P->PatternToken = "%X;%x";
    P->Restores = regexes("log4cxx::MDC::put;log4cxx::MDC::putLS;log4cxx::MDC;"
                          "log4cxx::NDC::(inherit|push|pushLS);log4cxx::NDC");
    P->Unsets = regexes("log4cxx::MDC::(remove|clear);"
                        "log4cxx::NDC::(pop|remove|clear)");
    P->Advice = "copy the values the task needs with 'log4cxx::MDC::get' (or "
                "the NDC with 'log4cxx::NDC::cloneStack()') at the spawn and "
                "set them in the task with a 'log4cxx::MDC' guard (or "
                "'log4cxx::NDC::inherit')";
  } else if (Name == "spdlog") {
    P->Description = "spdlog MDC context";
    P->Reads = regexes("spdlog::mdc::get");
    P->LoggingReads =
        regexes("spdlog::(trace|debug|info|warn|error|critical|log);"
                "spdlog::logger::(trace|debug|info|warn|error|critical|log)");
    P->PatternSetters =
        regexes("spdlog::set_pattern;spdlog::logger::set_pattern;"
                "spdlog::pattern_formatter");
    P->PatternToken = "%&";
    P->Restores = regexes("spdlog::mdc::put");
    P->ContextRefs = regexes("spdlog::mdc::get_context");
    P->Unsets = regexes("spdlog::mdc::(remove|clear)");
    P->Snapshot = "spdlog::mdc::get_context()";
    P->Restore =
        "ctxloss::scoped_value $guard(spdlog::mdc::get_context(), $ctx);";
    P->Header = "<ctxloss/context.h>";
    P->Advice = "copy 'spdlog::mdc::get_context()' at the spawn and restore "
                "it in the task with 'ctxloss::scoped_value'";
  } else if (Name == "python") {
    P->Description = "Python context";
    P->Reads = regexes("PyContextVar_Get");
    P->Restores = regexes("PyContext_Enter");
    P->Exits = regexes("PyContext_Exit");
    P->Unsets = regexes("PyContext_Exit");
    // No fix: entering a context needs the GIL and a matching exit.
    P->Advice = "take 'PyContext_CopyCurrent()' at the spawn, and in the "
                "task, holding the GIL, 'PyContext_Enter' it before the read "
                "and 'PyContext_Exit' it after";
  } else {
    return nullptr;
  }
  return P;
}

static llvm::Error profileError(llvm::StringRef Name, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "profile '" + Name + "': " + Why);
}

/// A user profile from its option fields.
static llvm::Expected<std::unique_ptr<Profile>>
makeUserProfile(llvm::StringRef Name, const ProfileFields &F) {
  auto P = std::make_unique<Profile>();
  P->Name = Name.str();
  P->Description =
      F.Description.empty() ? "'" + P->Name + "' context" : F.Description;
  if (llvm::StringRef(F.Reads).trim().empty())
    return profileError(Name, "'Reads' is required: the functions that read "
                              "the context");
  struct Field {
    const char *Option;
    const std::string &Text;
    NameRegexList &Into;
  } Lists[] = {{"Reads", F.Reads, P->Reads},
               {"Restores", F.Restores, P->Restores},
               {"Propagators", F.Propagators, P->Propagators}};
  for (Field &L : Lists) {
    llvm::Expected<NameRegexList> Parsed = NameRegexList::parse(L.Text);
    if (!Parsed)
      return profileError(Name, "'" + llvm::Twine(L.Option) +
                                    "': " + llvm::toString(Parsed.takeError()));
    L.Into = std::move(*Parsed);
  }
  if (F.Snapshot.empty() != F.Restore.empty())
    return profileError(Name, "'Snapshot' and 'Restore' go together: give "
                              "both or neither");
  if (!F.Restore.empty() && !llvm::StringRef(F.Restore).contains("$ctx"))
    return profileError(Name, "'Restore' must use '$ctx', the snapshot");
  P->Snapshot = F.Snapshot;
  P->Restore = F.Restore;
  P->Header = F.Header;
  if (!P->Header.empty() && P->Header.front() != '<' &&
      P->Header.front() != '"')
    P->Header = "<" + P->Header + ">";
  if (P->hasRecipe()) {
    std::string Restore = P->Restore;
    for (auto [Placeholder, Name] :
         {std::pair<llvm::StringRef, llvm::StringRef>{"$ctx", "ctx"},
          {"$guard", "guard"}})
      for (size_t At = Restore.find(Placeholder); At != std::string::npos;
           At = Restore.find(Placeholder, At + Name.size()))
        Restore.replace(At, Placeholder.size(), Name.str());
    P->Advice = "capture 'ctx = " + P->Snapshot +
                "' at the spawn and restore it in the task with '" + Restore +
                "'";
  } else {
    P->Advice = "snapshot it at the spawn and restore it in the task";
  }
  return std::move(P);
}

llvm::Expected<ProfileFields>
readProfileFields(llvm::StringRef Name, llvm::StringRef CheckName,
                  llvm::function_ref<std::string(llvm::StringRef)> Get) {
  auto Field = [&](llvm::StringRef Option) {
    return Get((Name + "." + Option).str());
  };
  ProfileFields F;
  F.Reads = Field("Reads");
  if (F.Reads.empty())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "unknown profile '%s': it is not built in and '%s.%s.Reads' is not "
        "set",
        Name.str().c_str(), CheckName.str().c_str(), Name.str().c_str());
  F.Restores = Field("Restores");
  F.Snapshot = Field("Snapshot");
  F.Restore = Field("Restore");
  F.Header = Field("Header");
  F.Propagators = Field("Propagators");
  F.Description = Field("Description");
  return F;
}

llvm::Expected<std::shared_ptr<ProfileSet>> ProfileSet::create(
    llvm::StringRef Enabled, NameRegexList Accessors,
    const std::function<llvm::Expected<ProfileFields>(llvm::StringRef)>
        &UserFields) {
  auto Set = std::make_shared<ProfileSet>();
  llvm::SmallVector<llvm::StringRef, 8> Names;
  Enabled.split(Names, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Name : Names) {
    Name = Name.trim();
    if (Name.empty() || Set->find(Name))
      continue;
    std::unique_ptr<Profile> P = makeBuiltinProfile(Name);
    if (!P) {
      llvm::Expected<ProfileFields> Fields = UserFields(Name);
      if (!Fields)
        return Fields.takeError();
      llvm::Expected<std::unique_ptr<Profile>> User =
          makeUserProfile(Name, *Fields);
      if (!User)
        return User.takeError();
      P = std::move(*User);
    }
    if (P->isThreadLocal())
      Set->ThreadLocal = true;
    Set->All.push_back(std::move(P));
  }
  Set->Annotated = std::make_unique<Profile>();
  Set->Annotated->Name = "annotated";
  Set->Annotated->Description = "annotated context";
  Set->Annotated->Advice = "wrap the task in a function annotated "
                           "'CTXLOSS_PROPAGATES_CONTEXT', or pass what it "
                           "needs as an argument";
  Set->Accessors = std::move(Accessors);
  return Set;
}

std::shared_ptr<ProfileSet> ProfileSet::threadLocalOnly() {
  llvm::Expected<std::shared_ptr<ProfileSet>> Set =
      create("thread-local", NameRegexList(),
             [](llvm::StringRef) -> llvm::Expected<ProfileFields> {
               return ProfileFields();
             });
  return Set ? std::move(*Set) : nullptr;
}

const Profile *ProfileSet::find(llvm::StringRef Name) const {
  for (const auto &P : All)
    if (P->Name == Name)
      return P.get();
  return nullptr;
}

/// The qualified name profiles match a declaration by: a constructor
/// matches as its class.
static std::string matchedName(const FunctionDecl *Fn) {
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Fn))
    return Ctor->getParent()->getQualifiedNameAsString();
  return Fn->getQualifiedNameAsString();
}

static bool patternPrints(const Profile &P, llvm::StringRef Pattern) {
  llvm::SmallVector<llvm::StringRef, 2> Tokens;
  llvm::StringRef(P.PatternToken).split(Tokens, ';');
  return llvm::any_of(Tokens, [&](llvm::StringRef T) {
    return !T.empty() && Pattern.contains(T);
  });
}

const ProfileMatcher::Matches &
ProfileMatcher::matchesOf(const FunctionDecl *Fn) const {
  const Decl *Key = Fn->getCanonicalDecl();
  auto [It, Inserted] = Cache.try_emplace(Key);
  if (!Inserted)
    return It->second;
  Matches &M = It->second;
  std::string Name = matchedName(Fn);
  std::string Member;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Fn))
    Member = Method->getParent()->getQualifiedNameAsString();
  for (const auto &P : Set.profiles()) {
    if (!M.Read && P->Reads.matches(Name))
      M.Read = P.get();
    if (!M.Read && P->LoggingReads.matches(Name)) {
      M.Read = P.get();
      M.Logging = true;
    }
    if (!M.Restore && P->Restores.matches(Name)) {
      M.Restore = P.get();
      M.Guard = P->GuardCalls.matches(Name);
    }
    if (!M.Exit && P->Exits.matches(Name))
      M.Exit = P.get();
    if (!M.ContextRef && P->ContextRefs.matches(Name))
      M.ContextRef = P.get();
    if (!M.Pattern && P->PatternSetters.matches(Name))
      M.Pattern = P.get();
    if (P->Propagators.matches(Name) ||
        (!Member.empty() && P->Propagators.matches(Member)))
      M.Propagated.push_back(P.get());
  }
  if (!M.Read &&
      (readsContextByAnnotation(Fn) || Set.accessors().matches(Name)))
    M.Read = Set.annotated();
  return M;
}

const Profile *ProfileMatcher::readBy(const FunctionDecl *Fn,
                                      bool &Logging) const {
  const Matches &M = matchesOf(Fn);
  Logging = M.Logging;
  return M.Read;
}

const Profile *ProfileMatcher::restoredBy(const FunctionDecl *Fn) const {
  return matchesOf(Fn).Restore;
}

const Profile *ProfileMatcher::exitedBy(const FunctionDecl *Fn) const {
  return matchesOf(Fn).Exit;
}

bool ProfileMatcher::isGuardCall(const FunctionDecl *Fn) const {
  return matchesOf(Fn).Guard;
}

const Profile *ProfileMatcher::contextRefOf(const FunctionDecl *Fn) const {
  return matchesOf(Fn).ContextRef;
}

const Profile *ProfileMatcher::patternSetBy(const FunctionDecl *Fn) const {
  return matchesOf(Fn).Pattern;
}

void ProfileMatcher::propagatedBy(
    const FunctionDecl *Fn, llvm::SmallVectorImpl<const Profile *> &Out) const {
  const Matches &M = matchesOf(Fn);
  Out.append(M.Propagated.begin(), M.Propagated.end());
}

bool printsContext(const Profile &P, llvm::StringRef Pattern) {
  return patternPrints(P, Pattern);
}

} // namespace ctxloss
