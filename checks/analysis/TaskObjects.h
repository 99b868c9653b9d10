//===--- TaskObjects.h - Objects whose virtual member is the task -*- C++ -*-=//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Task objects: objects of a class with a virtual `run()`, `Run()`,
/// `execute()`, `Execute()`, `runTask()` or `operator()` (`Poco::Runnable`,
/// `Poco::Task`, `cv::ParallelLoopBody`, a project's `Task` base), handed to
/// a thread or a pool by pointer or reference, which later calls that member.
///
/// The task is the member of the object's dynamic type, when the spawn site
/// shows it: an object declared with its class (a local, a member, a
/// temporary), a `new Derived`, a local pointer initialised from one, a
/// `std::make_shared<Derived>`/`std::make_unique`, `*this` (the class whose
/// member spawns), or a class that is `final`. Through a pointer or a
/// reference to a base whose origin the site does not show, the task is
/// unknown: the engine does not guess among the overriders (precision
/// first; unknown code is assumed not to read context).
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_ANALYSIS_TASKOBJECTS_H
#define CTXLOSS_ANALYSIS_TASKOBJECTS_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace ctxloss {

/// Whether \p M is a virtual member a pool or a thread calls on a task
/// object: `run`, `Run`, `execute`, `Execute`, `runTask` or `operator()`.
bool isTaskEntryMethod(const clang::CXXMethodDecl *M);

/// Whether \p Class (defined) has a virtual task entry member, its own or
/// inherited.
bool isTaskObjectClass(const clang::CXXRecordDecl *Class);

/// The class of the object \p E designates or points to (a task object),
/// when the expression shows the object's dynamic type; null otherwise.
const clang::CXXRecordDecl *getKnownDynamicClass(const clang::Expr *E);

/// If \p E designates or points to a task object, appends the definitions
/// of the entry members the object's dynamic type runs (when known) and
/// returns true; returns false for anything else.
bool resolveTaskObject(const clang::Expr *E,
                       llvm::SmallVectorImpl<const clang::FunctionDecl *> &Out);

/// For a task object \p E designates or points to whose dynamic type the
/// site does not show (and that is not a parameter of the spawning
/// function, whose callers are reported where they pass an object):
/// the canonical declarations of the entry members of its static class,
/// own or inherited. Nothing otherwise.
void getUnknownTaskEntryMembers(
    const clang::Expr *E,
    llvm::SmallVectorImpl<const clang::CXXMethodDecl *> &Out);

/// The parameter of the enclosing function that the task object \p E
/// designates or points to: through `&`, `*`, a smart pointer's `*`, and
/// local pointers, references and smart pointers initialised from it
/// (`TaskPtr p(pTask); pool.start(*p);`). Null otherwise, and when the
/// object's dynamic type is known all the same (a final class).
const clang::ParmVarDecl *getTaskObjectParam(const clang::Expr *E);

/// For a task object \p E designates or points to whose dynamic type the
/// site does not show (and that is not a parameter): its static class when
/// the translation unit sees every class that may derive from it, because
/// the class is defined in the main source file or in an anonymous
/// namespace. The overrides the translation unit defines are then all the
/// bodies the object may run. Null otherwise.
const clang::CXXRecordDecl *getClosedTaskClass(const clang::Expr *E);

/// Appends the definitions of \p Class's own final overriders of the task
/// entry members it has, own or inherited.
void getOwnTaskEntries(const clang::CXXRecordDecl *Class,
                       llvm::SmallVectorImpl<const clang::FunctionDecl *> &Out);

/// As resolveTaskObject, for entries whose body may be in another
/// translation unit: the declarations of the dynamic type's final
/// overriders (the whole-program summary links them to their bodies).
void getTaskEntryDeclarations(
    const clang::Expr *E,
    llvm::SmallVectorImpl<const clang::FunctionDecl *> &Out);

/// For a callable that names a virtual member function (`&Task::run`),
/// called on \p Object (`std::thread(&Task::run, &task)`): the definition
/// of the final overrider in the object's dynamic type, when the site shows
/// that type and the overrider's body is available; null otherwise.
const clang::FunctionDecl *
resolveVirtualOnObject(const clang::CXXMethodDecl *Method,
                       const clang::Expr *Object);

/// As resolveVirtualOnObject, whether or not the overrider's body is in
/// this translation unit: its declaration.
const clang::CXXMethodDecl *
getFinalOverriderOnObject(const clang::CXXMethodDecl *Method,
                          const clang::Expr *Object);

/// Whether \p Call, of \p Callee, is a virtual call whose target the engine
/// cannot see: not qualified, and neither the member nor its class final.
bool isUnresolvedVirtualCall(const clang::CallExpr *Call,
                             const clang::FunctionDecl *Callee);

/// The argument that follows \p Callable in the call or construction
/// \p Call (the object a member function pointer is called on), or null.
const clang::Expr *getArgumentAfter(const clang::Stmt *Call,
                                    const clang::Expr *Callable);

} // namespace ctxloss

#endif // CTXLOSS_ANALYSIS_TASKOBJECTS_H
