//===--- TypeTraits.h - What the fixes may do with a value ----*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_FIXES_TYPETRAITS_H
#define CTXLOSS_FIXES_TYPETRAITS_H

#include "clang/AST/Type.h"

namespace ctxloss::fixes {

/// True when a variable of type \p T can be copied into a task and assigned
/// back (what an init-capture snapshot and `ctxloss::scoped_value` need): a
/// scalar, or a complete class with a usable copy constructor and
/// assignment. Arrays, references and `std::atomic`-like types are not.
bool isCopyableValue(clang::QualType T);

/// True when a parameter of type \p T is better taken by `const T &` than by
/// value: a class type that is not trivially copyable.
bool passByConstReference(clang::QualType T);

} // namespace ctxloss::fixes

#endif // CTXLOSS_FIXES_TYPETRAITS_H
