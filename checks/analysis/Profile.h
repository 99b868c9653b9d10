//===--- Profile.h - Context families and their APIs ------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A profile describes one family of context: the calls that read it, the
/// calls and guards that restore it inside a task, how the copy-and-run fix
/// snapshots and restores it, and the spawns that already carry it over.
/// Built in: `thread-local` (the program's own thread-local variables),
/// `opentelemetry`, `folly`, `log4cxx`, `spdlog` and `python`; users add
/// their own in the check's options. Functions annotated
/// `CTXLOSS_READS_CONTEXT` or named in `ContextAccessors` read the
/// `annotated` profile's context.
///
/// Names are matched as regular expressions against whole qualified names;
/// a class name stands for its constructors (an RAII guard) and, for
/// propagators, for its member functions.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_PROFILE_H
#define CTXLOSS_ANALYSIS_PROFILE_H

#include "checks/analysis/ContextModel.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ctxloss {

struct Profile {
  /// The name used in options (`opentelemetry`).
  std::string Name;
  /// How messages name the context ("OpenTelemetry context").
  std::string Description;
  /// Functions whose call reads the context.
  NameRegexList Reads;
  /// Logging functions that read the context when the configured pattern
  /// prints it (log4cxx `%X`, spdlog `%&`).
  NameRegexList LoggingReads;
  /// Functions and classes that set a logging pattern, and the token that
  /// makes a pattern print the context.
  NameRegexList PatternSetters;
  std::string PatternToken;
  /// Functions whose call, and classes whose construction, with the
  /// snapshot as an argument, restores the context. A guard (a construction,
  /// or a call whose result is kept in a variable, such as the token
  /// `RuntimeContext::Attach` returns) restores it for its scope only.
  NameRegexList Restores;
  /// Restores whose result must be kept for them to last (`Attach`).
  NameRegexList GuardCalls;
  /// Functions whose call ends a restore (`PyContext_Exit`).
  NameRegexList Exits;
  /// Functions returning a reference to the live context: writing through
  /// the result or binding it to a non-const reference restores it.
  NameRegexList ContextRefs;
  /// Spawns through these functions, or members of these classes, carry
  /// the context over (folly's executors).
  NameRegexList Propagators;
  /// The copy-and-run recipe: the snapshot taken at the spawn, and the
  /// statement restoring it at the top of the task, where `$ctx` names the
  /// snapshot and `$guard` a fresh variable. Empty when there is none.
  std::string Snapshot;
  std::string Restore;
  std::string Header;
  /// Said in a note when no fix is offered for this profile.
  std::string Advice;
  /// A built-in refinement of Reads: false when a matching call does not
  /// read the context after all (a span started with an explicit parent).
  std::function<bool(const clang::CallExpr *)> IsRead;
  /// Functions whose call takes back what a restore set, leaving the
  /// context as it was before it (`MDC::remove`, `spdlog::mdc::remove`): a
  /// task that calls one on every path out leaves nothing behind.
  NameRegexList Unsets;

  bool isThreadLocal() const { return Name == "thread-local"; }
  bool hasRecipe() const { return !Snapshot.empty() && !Restore.empty(); }
};

/// The names of the built-in profiles, in order: the default of the
/// `Profiles` option.
inline constexpr llvm::StringLiteral DefaultProfiles =
    "thread-local;opentelemetry;folly;log4cxx;spdlog;python";

/// The user-defined fields of a profile, as written in the options.
struct ProfileFields {
  std::string Reads, Restores, Snapshot, Restore, Header, Propagators,
      Description;
};

/// Reads the fields of the user profile \p Name through \p Get, which
/// returns the value of the check's option of that name (`querydb.Reads`),
/// empty when unset. Fails when `Reads` is unset: the profile is then
/// neither built in nor defined.
llvm::Expected<ProfileFields>
readProfileFields(llvm::StringRef Name, llvm::StringRef CheckName,
                  llvm::function_ref<std::string(llvm::StringRef)> Get);

/// The enabled profiles. Immutable once created: one set is shared by every
/// translation unit (and thread) of a run.
class ProfileSet {
public:
  /// Builds the enabled profiles named in \p Enabled (`;`-separated). A name
  /// that is not built in is defined by \p UserFields, which returns the
  /// fields of a profile or an error; \p Accessors are the `ContextAccessors`.
  static llvm::Expected<std::shared_ptr<ProfileSet>>
  create(llvm::StringRef Enabled, NameRegexList Accessors,
         const std::function<llvm::Expected<ProfileFields>(llvm::StringRef)>
             &UserFields);

  /// Only the thread-local profile: what the engine does without options.
  static std::shared_ptr<ProfileSet> threadLocalOnly();

  bool threadLocalEnabled() const { return ThreadLocal; }
  llvm::ArrayRef<std::unique_ptr<Profile>> profiles() const { return All; }
  const Profile *find(llvm::StringRef Name) const;
  /// The profile of `CTXLOSS_READS_CONTEXT` functions and `ContextAccessors`.
  const Profile *annotated() const { return Annotated.get(); }
  const NameRegexList &accessors() const { return Accessors; }

private:
  std::vector<std::unique_ptr<Profile>> All;
  std::unique_ptr<Profile> Annotated;
  NameRegexList Accessors;
  bool ThreadLocal = false;
};

/// What the profiles of a set say about the functions of one translation
/// unit, cached per declaration (so it must not outlive the AST).
class ProfileMatcher {
public:
  explicit ProfileMatcher(const ProfileSet &Set) : Set(Set) {}
  const ProfileSet &set() const { return Set; }

  /// The profile whose context a call to \p Fn reads, or null. \p Logging is
  /// set when the read is a logging call's.
  const Profile *readBy(const clang::FunctionDecl *Fn, bool &Logging) const;
  /// The profile a call to \p Fn (a function, or a constructor of a guard)
  /// restores, or null.
  const Profile *restoredBy(const clang::FunctionDecl *Fn) const;
  /// Whether a call to \p Fn restores only while its result lives.
  bool isGuardCall(const clang::FunctionDecl *Fn) const;
  /// The profile whose restore a call to \p Fn ends, or null.
  const Profile *exitedBy(const clang::FunctionDecl *Fn) const;
  /// The profile whose live context \p Fn returns a reference to, or null.
  const Profile *contextRefOf(const clang::FunctionDecl *Fn) const;
  /// The profile whose logging pattern a call to \p Fn sets, or null.
  const Profile *patternSetBy(const clang::FunctionDecl *Fn) const;
  /// The profiles a spawn through \p Fn carries over.
  void propagatedBy(const clang::FunctionDecl *Fn,
                    llvm::SmallVectorImpl<const Profile *> &Out) const;

private:
  struct Matches {
    const Profile *Read = nullptr;
    bool Logging = false;
    const Profile *Restore = nullptr;
    bool Guard = false;
    const Profile *Exit = nullptr;
    const Profile *ContextRef = nullptr;
    const Profile *Pattern = nullptr;
    llvm::SmallVector<const Profile *, 1> Propagated;
  };
  const Matches &matchesOf(const clang::FunctionDecl *Fn) const;

  const ProfileSet &Set;
  mutable llvm::DenseMap<const clang::Decl *, Matches> Cache;
};

/// Whether a logging pattern prints \p P's context.
bool printsContext(const Profile &P, llvm::StringRef Pattern);

/// The built-in profile called \p Name, or null.
std::unique_ptr<Profile> makeBuiltinProfile(llvm::StringRef Name);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_PROFILE_H
