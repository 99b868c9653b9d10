//===--- ctxloss/context.h - Carry context into tasks -----------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
// Header-only, C++17, no dependencies. The runtime side of the fixes that
// the `context-*` checks suggest.
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_CONTEXT_H
#define CTXLOSS_CONTEXT_H

#include <utility>

namespace ctxloss {

/// Sets a variable (typically a thread_local) for the lifetime of the object
/// and restores its previous value on every exit from the scope, exceptions
/// included, so that a pooled worker does not hand the value to its next
/// task:
///
///   pool.submit([ctx_request_id = request_id] {
///     ctxloss::scoped_value restore(request_id, ctx_request_id);
///     charge();
///   });
template <typename T> class scoped_value {
public:
  template <typename U>
  scoped_value(T &Variable, U &&Value)
      : Variable(Variable), Saved(std::move(Variable)) {
    Variable = std::forward<U>(Value);
  }
  scoped_value(const scoped_value &) = delete;
  scoped_value &operator=(const scoped_value &) = delete;
  ~scoped_value() { Variable = std::move(Saved); }

private:
  T &Variable;
  T Saved;
};

template <typename T, typename U> scoped_value(T &, U &&) -> scoped_value<T>;

} // namespace ctxloss

#endif // CTXLOSS_CONTEXT_H
