//===--- Fixes.cpp - Whole-program fixes, applied once --------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/Fixes.h"
#include "checks/analysis/CallableResolver.h"
#include "checks/analysis/SummaryExport.h"
#include "checks/fixes/CopyAndRunFix.h"
#include "checks/fixes/SpawnFixes.h"
#include "tool/ctxloss/Cache.h"
#include "tool/ctxloss/CompileDatabase.h"
#include "tool/ctxloss/Summarizer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Format/Format.h"
#include "clang/Tooling/Inclusions/HeaderIncludes.h"
#include "clang/Tooling/ReplacementsYaml.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/YAMLTraits.h"

using namespace clang;
using clang::tooling::Replacement;

namespace ctxloss::cli {

namespace {

/// The edits of one spawn site's fix, or why there are none.
struct SiteEdits {
  summary::Location Loc;
  std::vector<Replacement> Edits;
  std::string WhyNot;
  /// The content hash of each file edited, as parsed.
  std::map<std::string, std::string> Hashes;
};

/// Finds a thread-local variable of the translation unit by key id.
class FindVariable : public RecursiveASTVisitor<FindVariable> {
public:
  explicit FindVariable(llvm::StringRef Key) : Key(Key) {}
  bool VisitVarDecl(VarDecl *D) {
    if (isThreadLocal(D) && getKeyId(D) == Key) {
      Found = D->getCanonicalDecl();
      return false;
    }
    return true;
  }
  llvm::StringRef Key;
  const VarDecl *Found = nullptr;
};

/// Builds the fixes of the findings in one re-parsed translation unit.
class TUFixer {
public:
  TUFixer(ASTContext &Ctx, TUAnalysis &Analysis, const CheckConfig &Check)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Analysis(Analysis),
        Local(Analysis.run()),
        Includes(Check.IncludeStyle ==
                         clang::tidy::utils::IncludeSorter::IS_Google
                     ? format::getGoogleStyle(format::FormatStyle::LK_Cpp)
                           .IncludeStyle
                     : format::getLLVMStyle().IncludeStyle) {
    fixes::FixStrategy Strategy = Check.Strategy;
    for (const fixes::SiteFixes &Site :
         fixes::buildFixes(Local, Analysis, Ctx, Strategy)) {
      summary::Location Loc = locOf(Site.Findings.front().Spawn->Call);
      LocalSites.try_emplace(Loc.str(), Site);
      for (const LostContext &F : Site.Findings)
        LocalKeys.insert(Loc.str() + "|" + getKeyId(F.Key));
    }
  }

  SiteEdits fix(llvm::ArrayRef<const ProgramFinding *> Findings);

private:
  summary::Location locOf(const Stmt *S) const {
    return getSummaryLocation(SM, S->getBeginLoc());
  }
  std::vector<Replacement>
  toEdits(const fixes::FixOption &Fix,
          std::map<std::string, std::string> &Hashes) const;
  const SpawnSite *findSpawn(const summary::Location &Loc);
  const VarDecl *findVariable(llvm::StringRef Key) const;

  ASTContext &Ctx;
  const SourceManager &SM;
  TUAnalysis &Analysis;
  std::vector<LostContext> Local;
  std::map<std::string, fixes::SiteFixes> LocalSites;
  llvm::StringSet<> LocalKeys;
  std::deque<SpawnSite> HelperSites;
  /// Where the fixes insert their includes (the IncludeStyle option).
  tooling::IncludeStyle Includes;
};

} // namespace

static std::string filePath(const SourceManager &SM, FileID File) {
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
  if (!Entry)
    return "";
  return SM.getFileManager().getCanonicalName(*Entry).str();
}

std::vector<Replacement>
TUFixer::toEdits(const fixes::FixOption &Fix,
                 std::map<std::string, std::string> &Hashes) const {
  std::vector<Replacement> Edits;
  auto Parsed = [&](FileID File) {
    Hashes.try_emplace(filePath(SM, File), hashContent(SM.getBufferData(File)));
  };
  for (const FixItHint &Hint : Fix.Hints) {
    Replacement R(SM, Hint.RemoveRange, Hint.CodeToInsert, Ctx.getLangOpts());
    FileID File = SM.getFileID(SM.getExpansionLoc(Hint.RemoveRange.getBegin()));
    Parsed(File);
    Edits.emplace_back(filePath(SM, File), R.getOffset(), R.getLength(),
                       R.getReplacementText());
  }
  for (llvm::StringRef Header : Fix.Headers) {
    bool Angled = Header.consume_front("<");
    Header.consume_back(">");
    std::string Path = filePath(SM, Fix.HeaderFile);
    Parsed(Fix.HeaderFile);
    tooling::HeaderIncludes Inserter(Path, SM.getBufferData(Fix.HeaderFile),
                                     Includes);
    if (std::optional<Replacement> R =
            Inserter.insert(Header, Angled, tooling::IncludeDirective::Include))
      Edits.emplace_back(Path, R->getOffset(), R->getLength(),
                         R->getReplacementText());
  }
  return Edits;
}

const SpawnSite *TUFixer::findSpawn(const summary::Location &Loc) {
  for (const auto &[Fn, S] : Analysis.summaries())
    for (const SpawnSite &Spawn : S->Spawns)
      if (locOf(Spawn.Call) == Loc)
        return &Spawn;
  // A call to a function that spawns a callable argument.
  for (const auto &[Fn, S] : Analysis.summaries())
    for (const CallEdge &Edge :
         llvm::concat<const CallEdge>(S->Calls, S->ExternalCalls)) {
      const auto *Call = dyn_cast<CallExpr>(Edge.Site);
      if (!Call || Edge.Through || !(locOf(Call) == Loc))
        continue;
      SpawnSite Site;
      Site.Call = Call;
      Site.Boundary = Edge.Callee->getQualifiedNameAsString();
      llvm::SmallVector<const FunctionDecl *, 2> Entries;
      for (const Expr *Arg : Call->arguments()) {
        Entries.clear();
        resolveCallable(Arg, Entries);
        if (!Entries.empty() || getNamedFunction(Arg))
          Site.Callables.push_back(Arg);
      }
      // Not the call that starts the expression (`pool()` in
      // `pool().submit(task)`, at the same location): the one passing a
      // callable.
      if (Site.Callables.empty())
        continue;
      HelperSites.push_back(std::move(Site));
      return &HelperSites.back();
    }
  return nullptr;
}

/// The task of \p Spawn that \p F is about, as the engine resolves it: the
/// one whose entry starts the finding's chain, or the only callable that
/// runs a task; else, when the spawn has a single callable (whose body may
/// be in another file), that callable.
static ResolvedTask taskOf(const TUAnalysis &Analysis, const SpawnSite &Spawn,
                           const ProgramFinding &F) {
  llvm::SmallVector<ResolvedTask, 2> Tasks;
  Analysis.resolveTasks(Spawn, Tasks);
  for (const ResolvedTask &T : Tasks)
    if (!F.Chain.empty() && isFunctionIdOf(F.Chain.front(), T.Entry))
      return T;
  if (!Tasks.empty() && llvm::all_of(Tasks, [&](const ResolvedTask &T) {
        return T.Callable == Tasks.front().Callable;
      }))
    return Tasks.front();
  if (Spawn.Callables.size() == 1)
    return {nullptr, Spawn.Callables.front(), TaskForm::Function, nullptr};
  return {};
}

const VarDecl *TUFixer::findVariable(llvm::StringRef Key) const {
  FindVariable Finder(Key);
  Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
  return Finder.Found;
}

SiteEdits TUFixer::fix(llvm::ArrayRef<const ProgramFinding *> Findings) {
  SiteEdits Out;
  Out.Loc = Findings.front()->Loc;
  std::string Site = Out.Loc.str();
  // A site the check itself sees whole: its fix, with the configured
  // strategy.
  auto Known = LocalSites.find(Site);
  if (Known != LocalSites.end() &&
      llvm::all_of(Findings, [&](const ProgramFinding *F) {
        return LocalKeys.contains(Site + "|" + F->Key);
      })) {
    const fixes::FixOption &Fix = Known->second.Preferred;
    if (!Fix.offered())
      Out.WhyNot = Fix.WhyNot.empty() ? "no fix-it is offered for this spawn"
                                      : Fix.WhyNot;
    else
      Out.Edits = toEdits(Fix, Out.Hashes);
    return Out;
  }
  // A chain through other translation units: copy-and-run, which edits
  // only the spawn site.
  const SpawnSite *Spawn = findSpawn(Out.Loc);
  if (!Spawn) {
    Out.WhyNot = "the spawn site was not found when parsing again";
    return Out;
  }
  std::vector<LostContext> Lost;
  for (const ProgramFinding *F : Findings) {
    const VarDecl *Var = findVariable(F->Key);
    if (!Var) {
      Out.WhyNot = "no fix-it: the context is not a variable declared in "
                   "the translation unit of the spawn";
      return Out;
    }
    Lost.push_back({Spawn,
                    ContextKey(Var),
                    taskOf(Analysis, *Spawn, *F),
                    {},
                    {},
                    nullptr,
                    nullptr,
                    nullptr});
  }
  llvm::SmallVector<const LostContext *, 2> Refs;
  for (const LostContext &L : Lost)
    Refs.push_back(&L);
  fixes::FixOption Fix;
  if (Ctx.getLangOpts().CPlusPlus17)
    Fix = fixes::buildCopyAndRunFix(Refs, Ctx, Analysis);
  if (!Fix.offered())
    Out.WhyNot =
        Fix.WhyNot.empty() ? "no fix-it is offered for this spawn" : Fix.WhyNot;
  else
    Out.Edits = toEdits(Fix, Out.Hashes);
  return Out;
}

/// An insertion of `#include` lines only (a fix's new headers).
static bool isIncludeInsertion(const Replacement &R) {
  if (R.getLength() != 0)
    return false;
  llvm::SmallVector<llvm::StringRef, 2> Lines;
  R.getReplacementText().split(Lines, '\n', -1, /*KeepEmpty=*/false);
  return !Lines.empty() && llvm::all_of(Lines, [](llvm::StringRef Line) {
    return Line.trim().starts_with("#include");
  });
}

/// Makes the include insertions at one place of a file one insertion, each
/// line once, in the order proposed: tooling::Replacements refuses two
/// different insertions at one offset, and two headers of one fix (or of
/// two fixes in one file) land at the same place.
static void mergeIncludeInsertions(std::vector<Replacement> &Edits) {
  std::map<std::pair<std::string, unsigned>, size_t> First;
  std::vector<Replacement> Out;
  for (Replacement &R : Edits) {
    if (!isIncludeInsertion(R)) {
      Out.push_back(std::move(R));
      continue;
    }
    auto [It, New] =
        First.try_emplace({R.getFilePath().str(), R.getOffset()}, Out.size());
    if (New) {
      Out.push_back(std::move(R));
      continue;
    }
    Replacement &Into = Out[It->second];
    std::string Text = Into.getReplacementText().str();
    llvm::SmallVector<llvm::StringRef, 2> Lines;
    R.getReplacementText().split(Lines, '\n', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Line : Lines)
      if (!llvm::StringRef(Text).contains(Line.str() + "\n"))
        Text += Line.str() + "\n";
    Into = Replacement(Into.getFilePath(), Into.getOffset(), 0, Text);
  }
  Edits = std::move(Out);
}

static bool overlaps(const Replacement &A, const Replacement &B) {
  // New headers at one place: merged, whichever fixes add them.
  if (isIncludeInsertion(A) && isIncludeInsertion(B))
    return false;
  unsigned AEnd = A.getOffset() + A.getLength();
  unsigned BEnd = B.getOffset() + B.getLength();
  if (A.getOffset() == B.getOffset())
    return true; // Two edits at one place: their order is ambiguous.
  return A.getOffset() < BEnd && B.getOffset() < AEnd;
}

FixPlan planFixes(llvm::ArrayRef<ProgramFinding> Findings,
                  llvm::ArrayRef<tooling::CompileCommand> Commands,
                  const llvm::StringMap<unsigned> &Owners, Config &Options,
                  llvm::StringRef ResourceDir) {
  // Findings by translation unit, then by site, in order.
  std::map<unsigned, std::vector<std::vector<const ProgramFinding *>>> ByTU;
  FixPlan Plan;
  std::vector<SiteEdits> Sites;
  for (const ProgramFinding &Finding : Findings) {
    // The driver fixes context-lost-in-task's findings only.
    if (Finding.Check != LostInTaskCheckName)
      continue;
    auto It = Owners.find(Finding.Spawner);
    if (It == Owners.end()) {
      Plan.Refused.push_back(Finding.Loc.str() +
                             ": no translation unit to fix it in");
      continue;
    }
    auto &Groups = ByTU[It->second];
    if (Groups.empty() || !(Groups.back().front()->Loc == Finding.Loc))
      Groups.emplace_back();
    Groups.back().push_back(&Finding);
  }
  for (auto &Entry : ByTU) {
    const auto &Groups = Entry.second;
    const tooling::CompileCommand &Cmd = Commands[Entry.first];
    const CheckConfig &Check = Options.forFile(Cmd.Filename);
    ParseResult Parsed =
        parseAndAnalyze(Cmd, Check.Analysis, ResourceDir,
                        [&](ASTContext &Ctx, TUAnalysis &Analysis) {
                          TUFixer Fixer(Ctx, Analysis, Check);
                          for (const auto &Group : Groups)
                            Sites.push_back(Fixer.fix(Group));
                        });
    if (Parsed.Failed)
      for (const auto &Group : Groups)
        Plan.Refused.push_back(Group.front()->Loc.str() + ": '" + Cmd.Filename +
                               "' does not compile");
  }

  // Merge: an edit proposed twice is made once; a site whose edits overlap
  // an accepted site's is refused whole.
  llvm::sort(Sites, [](const SiteEdits &A, const SiteEdits &B) {
    return A.Loc < B.Loc;
  });
  std::map<std::string, std::vector<std::pair<Replacement, std::string>>>
      Accepted;
  for (SiteEdits &Site : Sites) {
    if (Site.Edits.empty()) {
      Plan.Refused.push_back(Site.Loc.str() + ": " + Site.WhyNot);
      continue;
    }
    std::string Conflict;
    std::vector<Replacement> New;
    for (const Replacement &R : Site.Edits) {
      bool Duplicate = false;
      for (const auto &[A, Owner] : Accepted[R.getFilePath().str()]) {
        if (A == R) {
          Duplicate = true;
          break;
        }
        if (overlaps(A, R))
          Conflict = Owner;
      }
      if (!Duplicate)
        New.push_back(R);
    }
    if (!Conflict.empty()) {
      Plan.Refused.push_back(Site.Loc.str() +
                             ": the fix conflicts with the fix for " +
                             Conflict + "; not applied");
      continue;
    }
    ++Plan.Fixed;
    for (const auto &[File, Hash] : Site.Hashes) {
      // Parsed twice with different contents: it changed meanwhile.
      auto [It, Inserted] = Plan.Hashes.try_emplace(File, Hash);
      if (!Inserted && It->second != Hash)
        It->second = "changed while analysed";
    }
    for (Replacement &R : New) {
      Accepted[R.getFilePath().str()].emplace_back(R, Site.Loc.str());
      Plan.Edits.push_back(std::move(R));
    }
  }
  mergeIncludeInsertions(Plan.Edits);
  return Plan;
}

/// Writes \p Text to \p File through a temporary file beside it renamed
/// over it, so that no reader ever sees half a file; keeps its permissions.
static llvm::Error writeAtomically(llvm::StringRef File, llvm::StringRef Text) {
  auto Failed = [&](std::error_code EC) {
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   File.str().c_str(), EC.message().c_str());
  };
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(File, Status))
    return Failed(EC);
  llvm::SmallString<256> Temp;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          File + ".ctxloss-%%%%%%%%", FD, Temp, llvm::sys::fs::OF_None,
          Status.permissions()))
    return Failed(EC);
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      std::ignore = llvm::sys::fs::remove(Temp);
      return Failed(EC);
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, File)) {
    std::ignore = llvm::sys::fs::remove(Temp);
    return Failed(EC);
  }
  return llvm::Error::success();
}

llvm::Error applyEdits(const FixPlan &Plan, llvm::StringRef LockFile,
                       llvm::raw_ostream &Log) {
  std::map<std::string, tooling::Replacements> ByFile;
  for (const Replacement &R : Plan.Edits)
    if (llvm::Error E = ByFile[R.getFilePath().str()].add(R))
      return E;
  if (ByFile.empty())
    return llvm::Error::success();

  // One ctxloss at a time applies fixes in a build directory.
  int LockFD = -1;
  if (std::error_code EC = llvm::sys::fs::openFileForWrite(
          LockFile, LockFD, llvm::sys::fs::CD_OpenAlways))
    return llvm::createStringError(EC, "cannot open the lock file '%s': %s",
                                   LockFile.str().c_str(),
                                   EC.message().c_str());
  llvm::scope_exit CloseLock([&] {
    std::ignore = llvm::sys::Process::SafelyCloseFileDescriptor(LockFD);
  });
  if (llvm::sys::fs::tryLockFile(LockFD)) {
    Log << "ctxloss: waiting for another ctxloss applying fixes (lock '"
        << LockFile << "')\n";
    Log.flush();
    if (std::error_code EC = llvm::sys::fs::lockFile(LockFD))
      return llvm::createStringError(EC, "cannot lock '%s': %s",
                                     LockFile.str().c_str(),
                                     EC.message().c_str());
  }
  llvm::scope_exit Unlock(
      [&] { std::ignore = llvm::sys::fs::unlockFile(LockFD); });

  // Every file as it was analysed, or nothing is edited: the edits' offsets
  // are into that content.
  std::map<std::string, std::string> Fixed;
  for (const auto &[File, Replacements] : ByFile) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return llvm::createStringError("cannot read '%s': %s", File.c_str(),
                                     Buffer.getError().message().c_str());
    auto Expected = Plan.Hashes.find(File);
    if (Expected == Plan.Hashes.end() ||
        Expected->second != hashContent((*Buffer)->getBuffer()))
      return llvm::createStringError(
          "'%s' changed since it was analysed: no fix applied (run ctxloss "
          "again)",
          File.c_str());
    llvm::Expected<std::string> Text =
        tooling::applyAllReplacements((*Buffer)->getBuffer(), Replacements);
    if (!Text)
      return Text.takeError();
    Fixed[File] = std::move(*Text);
  }
  for (const auto &[File, Text] : Fixed)
    if (llvm::Error E = writeAtomically(File, Text))
      return E;
  return llvm::Error::success();
}

llvm::Error exportEdits(llvm::ArrayRef<Replacement> Edits,
                        llvm::StringRef Path) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  tooling::TranslationUnitReplacements TUR;
  TUR.MainSourceFile = "";
  TUR.Replacements.assign(Edits.begin(), Edits.end());
  llvm::yaml::Output YAML(OS);
  YAML << TUR;
  return llvm::Error::success();
}

} // namespace ctxloss::cli
