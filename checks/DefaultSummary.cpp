//===--- DefaultSummary.cpp - ctxloss -------------------------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/DefaultSummary.h"
#include <atomic>

namespace ctxloss {

static std::atomic<DefaultSummaryProvider *> Provider{nullptr};

void setDefaultSummaryProvider(DefaultSummaryProvider *P) { Provider = P; }

DefaultSummaryProvider *getDefaultSummaryProvider() { return Provider; }

} // namespace ctxloss
