//===--- Includes.h - Which headers a file already includes -----*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_INCLUDES_H
#define CTXLOSS_FIXES_INCLUDES_H

#include "clang/Basic/SourceManager.h"

namespace ctxloss::fixes {

/// True when \p File has an `#include` of \p Header (`<ctxloss/context.h>`
/// or `"ctxloss/context.h"`, in either spelling: clang-tidy's
/// IncludeInserter only recognises the spelling it would write).
bool includesHeader(const clang::SourceManager &SM, clang::FileID File,
                    llvm::StringRef Header);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_INCLUDES_H
