//===--- ContextStorage.h - Where per-thread context lives ------*- C++ -*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Finds the expressions that designate per-thread storage, the way real
/// code reaches it:
///
/// - a thread-local variable named directly (`request_id`, `tl.field`);
/// - an *accessor*: a function that returns a reference or a pointer to a
///   thread-local (`Options &ThreadLocalOptions() { thread_local Options o;
///   return o; }`, a getter of a `static thread_local` member), through any
///   number of accessors. A call of an accessor designates the variable, so
///   what the caller does with the result decides read or write, exactly as
///   for the variable itself;
/// - a POSIX or C11 thread-specific key: `pthread_getspecific(k)` /
///   `tss_get(k)` read, `pthread_setspecific(k, v)` / `tss_set(k, v)` write
///   the value stored under the key object `k`, which is the context key;
/// - a thread-local wrapper object (`Poco::ThreadLocal<T>`, OpenCV's
///   `TLSData<T>`, `boost::thread_specific_ptr<T>`, `folly::ThreadLocal<T>`
///   and `ThreadLocalPtr<T>`): each object (a global, a static member, a
///   local static, also one reached through a static pointer or a function
///   returning a reference to it, as OpenCV's `getCoreTlsData()`) is one
///   context key. `get()`, `getRef()`, `operator*` and `operator->` hand out
///   the current thread's value, `reset()` and `release()` write it. A
///   class of the project's own is a wrapper too when a member function
///   passes a key held in a data member to `pthread_getspecific` or
///   `pthread_setspecific` (Poco's `CurrentThreadHolder`): calling such a
///   member reads or writes the object's context.
///
/// A function that returns a thread-local by value (`ExecCtx *Get() {
/// return exec_ctx_; }`) is a *getter*: calling it reads the variable. It
/// stays an ordinary call for the engine (the chain goes through it), and
/// is recognised only where the engine must see the variable itself: in a
/// test of the variable's initial value (`if (Get() == nullptr)`).
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_CONTEXTSTORAGE_H
#define CTXLOSS_ANALYSIS_CONTEXTSTORAGE_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>
#include <string>

namespace ctxloss {

/// How a function hands out a thread-local variable.
enum class AliasKind : std::uint8_t {
  Reference, ///< Returns a reference to (part of) it.
  Pointer,   ///< Returns its address.
  Value,     ///< Returns its value: a getter.
};

struct StorageAlias {
  const clang::VarDecl *Var; ///< Canonical declaration.
  AliasKind Kind;
};

/// An expression that designates context storage as a whole or in part.
struct StorageRef {
  /// The variable's DeclRefExpr, the accessor call, or the key call.
  const clang::Expr *Ref = nullptr;
  /// The thread-local variable (canonical), or the key object.
  const clang::VarDecl *Var = nullptr;
  /// The accessor called, when Ref is an accessor call.
  const clang::FunctionDecl *Accessor = nullptr;

  explicit operator bool() const { return Ref != nullptr; }
};

/// True for `thread_local`, `_Thread_local` and `__thread` variables, and
/// OpenMP `threadprivate` ones.
bool isThreadLocal(const clang::VarDecl *VD);

/// The qualified name of a context variable, as options match it and
/// messages show it: a function-local one is named after its function
/// (`app::ThreadLocalOptions::O`).
std::string storageName(const clang::VarDecl *Var);

/// Whether \p Var is a thread-local wrapper object, or a pointer to one.
bool isWrapperObject(const clang::VarDecl *Var);

/// Whether \p Var is a thread-specific key object rather than a
/// thread-local variable: its reads and writes go through
/// `pthread_getspecific`/`pthread_setspecific` or `tss_get`/`tss_set`.
bool isThreadSpecificKey(const clang::VarDecl *Var);

/// The key object whose value a call reads (`pthread_getspecific(k)`,
/// `tss_get(k)`) or writes (`pthread_setspecific(k, v)`, `tss_set(k, v)`;
/// \p IsWrite is set), or null for any other call.
const clang::VarDecl *getThreadSpecificKey(const clang::CallExpr *Call,
                                           bool &IsWrite);

/// A non-const member with a const overload of the same name and arity
/// (`begin`, `data`, `operator[]`, `at`): it hands out a part of the
/// object, as its const twin would.
bool hasConstOverload(const clang::CXXMethodDecl *Method);

/// The return statements of a body, not those of the lambdas, blocks and
/// OpenMP regions written in it.
void collectReturns(const clang::Stmt *S,
                    llvm::SmallVectorImpl<const clang::ReturnStmt *> &Out);

/// The expression a copy or move of a value starts from.
const clang::Expr *stripCopies(const clang::Expr *E);

/// The call \p E designates (part of) the result of, when that call is to
/// a function whose body this translation unit does not have, returning a
/// reference or a pointer: `F()`, `F().f`, `*P()`, `P()->f`. Only the
/// program summary can tell whether such a function is an accessor.
const clang::CallExpr *getExternalHandout(const clang::Expr *E);

/// The function every return statement of \p Fn hands out the result of
/// (getExternalHandout), or null.
const clang::FunctionDecl *getAliasVia(const clang::FunctionDecl *Fn);

/// Decides which functions are accessors, once per function (cached; must
/// not outlive the AST).
class AccessorIndex {
public:
  /// What \p Fn hands out, or none. Only definitions whose body the
  /// translation unit has are accessors.
  std::optional<StorageAlias> aliasOf(const clang::FunctionDecl *Fn) const;

  /// The storage \p E designates as a whole or in part as an lvalue: a
  /// thread-local variable (`tl`, `tl.f`, `tl[i]` of an array, a part an
  /// accessor member hands out such as `tl.at(i)`), a reference accessor's
  /// call, `*p()` or `p()->f` for a pointer accessor `p`. With
  /// \p AllowValues, also a getter's call and a key read, which designate
  /// the value (for tests such as `Get() == nullptr`).
  StorageRef designate(const clang::Expr *E, bool AllowValues = false) const;

  /// Appends the accessors of \p Var found so far (those whose calls the
  /// analysis met), in the order of their declarations.
  void
  accessorsOf(const clang::VarDecl *Var,
              llvm::SmallVectorImpl<const clang::FunctionDecl *> &Out) const;

  /// The storage a return statement of accessor \p Fn hands out, when
  /// \p E is that statement's value: nothing there is a use.
  StorageRef aliasReturned(const clang::FunctionDecl *Fn,
                           const clang::Expr *E) const;

  /// Whether objects of \p Class are thread-local wrappers: a library's
  /// known by name, or a class whose members use a key held in a data
  /// member.
  bool isWrapper(const clang::CXXRecordDecl *Class) const;

  /// The wrapper object (or static pointer to one) that \p E designates:
  /// `obj`, `*ptr`, `ptr->`, or a call to a function that returns one of
  /// these by reference.
  const clang::VarDecl *wrapperObject(const clang::Expr *E) const;

  /// How a member call on a wrapper object uses its value: none when \p Call
  /// is not one.
  enum class WrapperUse : std::uint8_t { None, Value, Pointer, Write, Other };
  WrapperUse wrapperUse(const clang::CallExpr *Call,
                        const clang::VarDecl *&Object) const;

private:
  /// The storage `*P` or `P->` designates, for a call \p P of a pointer
  /// accessor or of a wrapper's pointer getter.
  StorageRef designatePointee(const clang::Expr *Pointer) const;
  std::optional<StorageAlias> compute(const clang::FunctionDecl *Def) const;
  /// What a returned expression hands out for a function returning
  /// \p Returned, or none.
  std::optional<StorageAlias> returnedAlias(const clang::Expr *E,
                                            clang::QualType Returned) const;

  mutable llvm::DenseMap<const clang::FunctionDecl *,
                         std::optional<StorageAlias>>
      Cache;
  /// What each member function does with a key held in a data member.
  enum class KeyRole : std::uint8_t { None, Reads, Writes };
  KeyRole keyRole(const clang::CXXMethodDecl *Method) const;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, bool> WrapperClasses;
  mutable llvm::DenseMap<const clang::CXXMethodDecl *, KeyRole> KeyRoles;
  /// Functions returning a reference to a wrapper object, or null.
  mutable llvm::DenseMap<const clang::FunctionDecl *, const clang::VarDecl *>
      WrapperGetters;
};

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_CONTEXTSTORAGE_H
