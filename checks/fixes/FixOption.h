//===--- FixOption.h - A fix-it offered for a spawn, or why not -*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_FIXOPTION_H
#define CTXLOSS_FIXES_FIXOPTION_H

#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace ctxloss::fixes {

/// One fix strategy's result for one spawn site: the edits, or an
/// explanation of why there are none (empty when silence is better, as for
/// code in a macro or with compile errors).
struct FixOption {
  std::vector<clang::FixItHint> Hints;
  /// Headers the edits need (`<ctxloss/context.h>`), to include in
  /// HeaderFile with the project's include style.
  llvm::SmallVector<std::string, 2> Headers;
  clang::FileID HeaderFile;

  std::string WhyNot;
  clang::SourceLocation WhyNotLoc;

  bool offered() const { return !Hints.empty(); }

  static FixOption declined(clang::SourceLocation Loc = {},
                            std::string Why = "") {
    FixOption F;
    F.WhyNotLoc = Loc;
    F.WhyNot = std::move(Why);
    return F;
  }
};

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_FIXOPTION_H
