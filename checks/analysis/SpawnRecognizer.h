//===--- SpawnRecognizer.h - Calls that start a task ------------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Recognises spawn boundaries: calls and constructions that run one of their
/// arguments on another thread, where thread-local context starts out fresh.
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_SPAWNRECOGNIZER_H
#define CTXLOSS_ANALYSIS_SPAWNRECOGNIZER_H

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace ctxloss {

/// A user-configured spawn function: its qualified name and the index of the
/// argument that is the callable.
struct SpawnFunction {
  std::string Name;
  unsigned CallableIndex = 0;
};

/// Parses the `SpawnFunctions` option: `;`-separated `qualified::name:index`
/// entries, the `:index` part optional (default 0).
llvm::Expected<std::vector<SpawnFunction>>
parseSpawnFunctions(llvm::StringRef Option);

/// Serialises spawn functions back to the option syntax.
std::string formatSpawnFunctions(const std::vector<SpawnFunction> &Functions);

struct SpawnMatch {
  const clang::Expr *Callable;
  std::string Boundary;
};

/// Knows the standard spawn boundaries (`std::thread`, `std::jthread`,
/// `std::async` unless the policy is exactly `std::launch::deferred`,
/// `pthread_create`) and the configured ones.
class SpawnRecognizer {
public:
  explicit SpawnRecognizer(std::vector<SpawnFunction> Extra)
      : Extra(std::move(Extra)) {}

  std::optional<SpawnMatch> match(const clang::CallExpr *Call) const;
  std::optional<SpawnMatch> match(const clang::CXXConstructExpr *Ctor) const;

private:
  std::vector<SpawnFunction> Extra;
};

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_SPAWNRECOGNIZER_H
