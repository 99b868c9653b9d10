// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 %python_includes \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 %python_includes \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// Without the python profile, nothing here is context.
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.Profiles: 'thread-local;opentelemetry;folly;log4cxx;spdlog'}}" \
// RUN:   -- -std=c++17 %python_includes | count 0
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.Profiles: 'thread-local;opentelemetry;folly;log4cxx;spdlog'}}" \
// RUN:   -- -std=c++17 %python_includes | count 0

// A C extension module, against Debian's real <Python.h> (python3-dev),
// whose functions start native threads that read a contextvars.ContextVar.
// The current context is per thread: a thread that takes the GIL starts in
// an empty one, whatever context the calling coroutine or thread was in.

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <future>
#include <pthread.h>
#include <thread>

static PyObject *request_var; // contextvars.ContextVar("request_id")

static PyObject *current_request() {
  PyObject *Value = nullptr;
  if (PyContextVar_Get(request_var, Py_None, &Value) < 0)
    return nullptr;
  return Value;
}

static void log_request() {
  PyGILState_STATE Gil = PyGILState_Ensure();
  PyObject *Request = current_request();
  Py_XDECREF(Request);
  PyGILState_Release(Gil);
}

static void *worker_main(void *) {
  log_request();
  return nullptr;
}

static void *worker_in_context(void *Arg) {
  PyObject *Ctx = static_cast<PyObject *>(Arg);
  PyGILState_STATE Gil = PyGILState_Ensure();
  PyContext_Enter(Ctx);
  Py_XDECREF(current_request());
  PyContext_Exit(Ctx);
  Py_DECREF(Ctx);
  PyGILState_Release(Gil);
  return nullptr;
}

// A direct read, a read two calls down, three kinds of threads.
static PyObject *start_workers(PyObject *, PyObject *) {
  Py_BEGIN_ALLOW_THREADS
  std::thread Direct([] {
    PyGILState_STATE Gil = PyGILState_Ensure();
    PyObject *Value = nullptr;
    (void)PyContextVar_Get(request_var, nullptr, &Value);
    Py_XDECREF(Value);
    PyGILState_Release(Gil);
  });
  // CHECK: :[[@LINE-7]]:15: warning: Python context is read in a task started by 'std::thread' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-5]]:11: note: the lambda reads Python context through 'PyContextVar_Get' here
  // CHECK: :[[@LINE-9]]:15: note: to carry Python context over, take 'PyContext_CopyCurrent()' at the spawn, and in the task, holding the GIL, 'PyContext_Enter' it before the read and 'PyContext_Exit' it after
  Direct.join();
  std::thread Chain(log_request);
  // CHECK: :[[@LINE-1]]:15: warning: Python context is read in a task started by 'std::thread' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :35:23: note: 'log_request' calls 'current_request' here
  // CHECK: :28:7: note: 'current_request' reads Python context through 'PyContextVar_Get' here
  // CHECK: :[[@LINE-4]]:15: note: to carry Python context over, take 'PyContext_CopyCurrent()' at the spawn, and in the task, holding the GIL, 'PyContext_Enter' it before the read and 'PyContext_Exit' it after
  Chain.join();
  auto Later = std::async(std::launch::async, [] { log_request(); });
  // CHECK: :[[@LINE-1]]:16: warning: Python context is read in a task started by 'std::async' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:52: note: the lambda calls 'log_request' here
  // CHECK: :35:23: note: 'log_request' calls 'current_request' here
  // CHECK: :28:7: note: 'current_request' reads Python context through 'PyContextVar_Get' here
  // CHECK: :[[@LINE-5]]:16: note: to carry Python context over, take 'PyContext_CopyCurrent()' at the spawn, and in the task, holding the GIL, 'PyContext_Enter' it before the read and 'PyContext_Exit' it after
  Later.wait();
  pthread_t Tid;
  if (pthread_create(&Tid, nullptr, worker_main, nullptr) == 0)
    pthread_join(Tid, nullptr);
  // CHECK: :[[@LINE-2]]:7: warning: Python context is read in a task started by 'pthread_create' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :41:3: note: 'worker_main' calls 'log_request' here
  // CHECK: :35:23: note: 'log_request' calls 'current_request' here
  // CHECK: :28:7: note: 'current_request' reads Python context through 'PyContextVar_Get' here
  // CHECK: :[[@LINE-6]]:7: note: to carry Python context over, take 'PyContext_CopyCurrent()' at the spawn, and in the task, holding the GIL, 'PyContext_Enter' it before the read and 'PyContext_Exit' it after
  Py_END_ALLOW_THREADS
  Py_RETURN_NONE;
}

// The caller's context entered in the task before the read: silent.
static PyObject *start_workers_in_context(PyObject *, PyObject *) {
  PyObject *Ctx = PyContext_CopyCurrent();
  if (!Ctx)
    return nullptr;
  Py_INCREF(Ctx);
  Py_BEGIN_ALLOW_THREADS
  std::thread Entered([Ctx] {
    PyGILState_STATE Gil = PyGILState_Ensure();
    PyContext_Enter(Ctx);
    Py_XDECREF(current_request());
    PyContext_Exit(Ctx);
    Py_DECREF(Ctx);
    PyGILState_Release(Gil);
  });
  Entered.join();
  pthread_t Tid;
  if (pthread_create(&Tid, nullptr, worker_in_context, Ctx) == 0)
    pthread_join(Tid, nullptr);
  Py_END_ALLOW_THREADS
  Py_RETURN_NONE;
}

// Entered on one branch only, or exited before the read: the read is still
// reported. The call is written inside a macro argument: notes point at it,
// not at the macro.
static PyObject *start_worker_maybe_in_context(PyObject *, PyObject *Flag) {
  PyObject *Ctx = PyContext_CopyCurrent();
  if (!Ctx)
    return nullptr;
  bool Enter = PyObject_IsTrue(Flag) == 1;
  Py_BEGIN_ALLOW_THREADS
  std::thread Maybe([Ctx, Enter] {
    PyGILState_STATE Gil = PyGILState_Ensure();
    if (Enter)
      PyContext_Enter(Ctx);
    Py_XDECREF(current_request());
    if (Enter)
      PyContext_Exit(Ctx);
    Py_DECREF(Ctx);
    PyGILState_Release(Gil);
  });
  // CHECK: :[[@LINE-10]]:15: warning: Python context is read in a task started by 'std::thread' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-7]]:16: note: the lambda calls 'current_request' here
  // CHECK: :28:7: note: 'current_request' reads Python context through 'PyContextVar_Get' here
  // CHECK: :[[@LINE-13]]:15: note: to carry Python context over, take 'PyContext_CopyCurrent()' at the spawn, and in the task, holding the GIL, 'PyContext_Enter' it before the read and 'PyContext_Exit' it after
  Maybe.join();
  std::thread Exited([Ctx] {
    PyGILState_STATE Gil = PyGILState_Ensure();
    PyContext_Enter(Ctx);
    PyContext_Exit(Ctx);
    Py_XDECREF(current_request());
    PyGILState_Release(Gil);
  });
  // CHECK: :[[@LINE-7]]:15: warning: Python context is read in a task started by 'std::thread' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-4]]:16: note: the lambda calls 'current_request' here
  // CHECK: :28:7: note: 'current_request' reads Python context through 'PyContextVar_Get' here
  // CHECK: :[[@LINE-10]]:15: note: to carry Python context over, take 'PyContext_CopyCurrent()' at the spawn, and in the task, holding the GIL, 'PyContext_Enter' it before the read and 'PyContext_Exit' it after
  Exited.join();
  Py_END_ALLOW_THREADS
  Py_RETURN_NONE;
}

// Read on the calling thread only: silent.
static PyObject *request_here(PyObject *, PyObject *) {
  PyObject *Value = current_request();
  std::thread Unrelated([] {});
  Unrelated.join();
  return Value;
}

static PyMethodDef methods[] = {
    {"start_workers", start_workers, METH_NOARGS, nullptr},
    {"start_workers_in_context", start_workers_in_context, METH_NOARGS, nullptr},
    {"start_worker_maybe_in_context", start_worker_maybe_in_context, METH_O, nullptr},
    {"request_here", request_here, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

static PyModuleDef module = {PyModuleDef_HEAD_INIT, "workers", nullptr, -1,
                             methods, nullptr, nullptr, nullptr, nullptr};

PyMODINIT_FUNC PyInit_workers() {
  request_var = PyContextVar_New("request_id", nullptr);
  if (!request_var)
    return nullptr;
  return PyModule_Create(&module);
}
