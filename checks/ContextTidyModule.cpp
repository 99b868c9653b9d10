//===--- ContextTidyModule.cpp - ctxloss ----------------------------------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "checks/LeakedFromTaskCheck.h"
#include "checks/LostAfterSuspendCheck.h"
#include "checks/LostInTaskCheck.h"
#include "checks/WriteLostInTaskCheck.h"
#include "clang-tidy/ClangTidyModule.h"

namespace clang::tidy {
namespace context {

class ContextModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<LostInTaskCheck>("context-lost-in-task");
    CheckFactories.registerCheck<LostAfterSuspendCheck>(
        "context-lost-after-suspend");
    CheckFactories.registerCheck<LeakedFromTaskCheck>(
        "context-leaked-from-task");
    CheckFactories.registerCheck<WriteLostInTaskCheck>(
        "context-write-lost-in-task");
  }
};

} // namespace context

// Register the module using this statically initialized variable.
static ClangTidyModuleRegistry::Add<context::ContextModule>
    X("context-module", "Adds checks for implicit context lost across tasks.");

// This anchor is used to force the linker to link in the generated object
// file and thus register the module when it is linked statically.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int ContextModuleAnchorSource = 0;

} // namespace clang::tidy
