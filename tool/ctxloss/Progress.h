//===--- Progress.h - A progress line on a terminal -------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_CTXLOSS_PROGRESS_H
#define CTXLOSS_TOOL_CTXLOSS_PROGRESS_H

#include "llvm/ADT/StringRef.h"
#include <mutex>

namespace ctxloss::cli {

/// `[done/total] file` on one line of standard error, redrawn as work
/// finishes; silent unless enabled (standard error is a terminal and the
/// user did not ask for quiet). Thread-safe.
class Progress {
public:
  Progress(unsigned Total, bool Enabled) : Total(Total), Enabled(Enabled) {}
  ~Progress() { clear(); }

  /// One more unit of work is done; \p What names it.
  void done(llvm::StringRef What);
  /// Erases the line, before other output.
  void clear();

private:
  std::mutex Lock;
  unsigned Done = 0;
  unsigned Total;
  bool Enabled;
  bool Drawn = false;
};

} // namespace ctxloss::cli

#endif // CTXLOSS_TOOL_CTXLOSS_PROGRESS_H
