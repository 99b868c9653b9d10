//===--- ctxloss/context.h - Carry context into tasks -----------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
// Header-only, C++17, no dependencies beyond the standard library; builds
// with GCC and Clang, with or without exceptions. The runtime side of the
// fixes that the `context-*` checks suggest.
//
//===----------------------------------------------------------------------===//
//
// Two tools, both "snapshot at schedule time, restore at run time":
//
//   ctxloss::scoped_value  sets a variable for a scope and puts the previous
//                          value back on every exit (exceptions included);
//   ctxloss::bind_context  wraps a callable so that it runs with values
//                          snapshotted when it was wrapped (the C++ form of
//                          Python's `copy_context().run`).
//
// Why bind_context takes accessors, not variables
// -----------------------------------------------
// A thread_local names a different object on every thread. A reference (or a
// pointer) to one taken on the spawning thread keeps naming the *spawning*
// thread's object: writing through it on the task thread would change the
// spawner's value, race with it, and leave the task's own object untouched.
// So bind_context cannot take `request_id` itself. It takes an *accessor*
// per variable, a callable with no arguments that returns a reference to the
// variable (`[]() -> auto & { return request_id; }`): bind_context calls it
// once on the wrapping thread to copy the value, and again on the thread
// that runs the task to find that thread's object, sets it for the duration
// of the call with scoped_value, and restores it afterwards. The accessor
// must not capture anything that pins one thread's object (a captured
// reference or pointer to the variable would be the same mistake again).
// CTXLOSS_ACCESSOR(var) spells such an accessor.
//
// The checks' own fix-its write the equivalent lambda out in place instead
// (an init-capture for the snapshot, a scoped_value as the first statement of
// the task), which needs no accessor and reads like hand-written code.
//
//   std::thread worker(ctxloss::bind_context(charge,
//                                            CTXLOSS_ACCESSOR(request_id)),
//                      order);
//
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_CONTEXT_H
#define CTXLOSS_CONTEXT_H

#include <cstddef>
#include <functional>
#include <tuple>
#include <type_traits>
#include <utility>

/// An accessor for ctxloss::bind_context: a captureless lambda returning a
/// reference to \p Var on whichever thread calls it. \p Var must name a
/// variable with static or thread storage duration.
#define CTXLOSS_ACCESSOR(Var) ([]() -> auto & { return (Var); })

namespace ctxloss {

/// Sets a variable (typically a thread_local) for the lifetime of the object
/// and restores its previous value on every exit from the scope, exceptions
/// included, so that a pooled worker does not hand the value to its next
/// task:
///
///   pool.submit([ctx_request_id = request_id] {
///     ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);
///     charge();
///   });
///
/// The new value is constructed before the variable is touched, so a
/// throwing copy leaves the variable as it was.
template <typename T> class scoped_value {
public:
  template <typename U>
  scoped_value(T &Var, U &&Value)
      : Variable(Var), Saved(std::forward<U>(Value)) {
    using std::swap;
    swap(Variable, Saved);
  }
  scoped_value(const scoped_value &) = delete;
  scoped_value &operator=(const scoped_value &) = delete;
  ~scoped_value() { Variable = std::move(Saved); }

private:
  T &Variable;
  T Saved;
};

template <typename T, typename U> scoped_value(T &, U &&) -> scoped_value<T>;

namespace detail {

/// One variable of a bound context: how to find it on the current thread and
/// the value it had on the thread that wrapped the task.
template <typename Accessor> struct ContextSlot {
  using Reference = std::invoke_result_t<Accessor &>;
  static_assert(std::is_lvalue_reference_v<Reference>,
                "a bind_context accessor must return a reference to the "
                "variable, e.g. []() -> auto & { return request_id; }");
  using ValueType = std::remove_cv_t<std::remove_reference_t<Reference>>;
  static_assert(!std::is_const_v<std::remove_reference_t<Reference>>,
                "a bind_context accessor must return a non-const reference");

  explicit ContextSlot(Accessor G) : Get(G), Snapshot(G()) {}

  Accessor Get;
  ValueType Snapshot;
};

template <typename Fn, typename... Slots> class BoundTask {
public:
  BoundTask(Fn F, Slots... S) : Task(std::move(F)), Slot(std::move(S)...) {}

  template <typename... Args> decltype(auto) operator()(Args &&...A) {
    return run<0>(Task, Slot, std::forward<Args>(A)...);
  }
  template <typename... Args> decltype(auto) operator()(Args &&...A) const {
    return run<0>(Task, Slot, std::forward<Args>(A)...);
  }

private:
  // Restores slot I, then the rest, then runs the task: the restores nest,
  // so they are undone in reverse order on every exit.
  template <std::size_t I, typename F, typename Tuple, typename... Args>
  static decltype(auto) run(F &Task, Tuple &Slot, Args &&...A) {
    if constexpr (I == sizeof...(Slots)) {
      return std::invoke(Task, std::forward<Args>(A)...);
    } else {
      auto &S = std::get<I>(Slot);
      scoped_value Restore(S.Get(), S.Snapshot);
      return run<I + 1>(Task, Slot, std::forward<Args>(A)...);
    }
  }

  Fn Task;
  std::tuple<Slots...> Slot;
};

} // namespace detail

/// Wraps \p Task so that, wherever and however often it is called, each
/// variable named by an accessor holds the value it had on the calling
/// thread of bind_context for the duration of the call, and gets its
/// previous value back afterwards (no leak into the next task of a pooled
/// worker, exceptions included). Arguments are forwarded to \p Task, which
/// may be anything std::invoke accepts: a function, a function object, a
/// member function pointer followed by the object.
///
///   auto task = ctxloss::bind_context(log_event,
///                                     CTXLOSS_ACCESSOR(request_id),
///                                     CTXLOSS_ACCESSOR(tenant));
///   std::thread worker(std::move(task), "charged");
///
/// Each accessor is called with no arguments and must return a non-const
/// reference to the variable on the thread that calls it (see the file
/// comment: a reference captured on the spawning thread would be wrong).
template <typename Fn, typename... Accessors>
auto bind_context( // NOLINT(readability-identifier-naming): std spelling
    Fn &&Task, Accessors... Get) {
  return detail::BoundTask<std::decay_t<Fn>, detail::ContextSlot<Accessors>...>(
      std::forward<Fn>(Task), detail::ContextSlot<Accessors>(Get)...);
}

} // namespace ctxloss

#endif // CTXLOSS_CONTEXT_H
