//===--- ProgramLeaves.h - What functions leave set, program-wide -*- C++ -*-//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The link of what each function leaves set (summary::Leave), shared by
/// `context-leaked-from-task` (does a task leave a context set on its
/// worker) and `context-write-lost-in-task` (does a task's call of a writer
/// leave the write in place when the task ends):
///
/// - a leave through a call (Via) counts only if the callee leaves the
///   context set too;
/// - it does not count when a call after it, defined elsewhere, undoes the
///   context (Unless: a function that only resets it), or restores a saved
///   value (UnlessRestores: a setter of the key called with a value saved
///   from a getter of it, which only the program can tell when they are
///   defined in another file; also the branch of `if (prev != v)` where the
///   saved value is the value set).
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_PROGRAMLEAVES_H
#define CTXLOSS_ANALYSIS_PROGRAMLEAVES_H

#include "checks/analysis/SummaryFile.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <map>
#include <optional>

namespace ctxloss {

class ProgramLeaves {
public:
  explicit ProgramLeaves(const summary::Summary &Program);

  const summary::Summary &program() const { return Program; }
  /// The index in the program of the function with id \p Id.
  std::optional<unsigned> index(llvm::StringRef Id) const;
  const summary::Function *function(llvm::StringRef Id) const;

  /// The functions that write \p Key, themselves or through their calls.
  const llvm::StringSet<> &writers(llvm::StringRef Key);

  /// Whether a call after \p L's set point undoes or restores its key.
  bool undone(const summary::Leave &L);

  /// How function \p Fn leaves \p Key set, or null. A cycle counts as no.
  const summary::Leave *leaves(unsigned Fn, const std::string &Key);

  /// Whether \p Caller keeps \p Key set after its call \p C: false when its
  /// translation unit saw it taken back on every path (Call::TakenBack),
  /// or when every way it leaves the key set through that call is undone;
  /// true otherwise, also when no leave speaks of the call (its
  /// translation unit cannot name the key).
  bool keepsSet(const summary::Function &Caller, const summary::Call &C,
                llvm::StringRef Key);

private:
  bool reads(llvm::StringRef Getter, llvm::StringRef Key) const;

  const summary::Summary &Program;
  llvm::StringMap<unsigned> Index;
  /// Built on the first writers() query.
  llvm::StringMap<std::vector<unsigned>> Callers;
  llvm::StringMap<llvm::StringSet<>> WritersOf;
  /// A std::map: findings keep pointers into the summary, and the entries
  /// stay where they are while the search adds more.
  std::map<std::pair<unsigned, std::string>, const summary::Leave *> Memo;
};

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_PROGRAMLEAVES_H
