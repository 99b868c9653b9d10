//===--- Progress.cpp - A progress line on a terminal ---------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/ctxloss/Progress.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace ctxloss::cli {

void Progress::done(llvm::StringRef What) {
  std::scoped_lock Guard(Lock);
  ++Done;
  if (!Enabled)
    return;
  // Carriage return, then erase to the end of the line.
  llvm::errs() << "\r\x1b[K[" << Done << "/" << Total << "] "
               << llvm::sys::path::filename(What);
  llvm::errs().flush();
  Drawn = true;
}

void Progress::clear() {
  std::scoped_lock Guard(Lock);
  if (!Drawn)
    return;
  llvm::errs() << "\r\x1b[K";
  llvm::errs().flush();
  Drawn = false;
}

} // namespace ctxloss::cli
