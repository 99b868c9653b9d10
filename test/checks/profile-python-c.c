// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c11 %python_includes \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c11 %python_includes \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

/* A C extension module, against Debian's real <Python.h> (python3-dev),
   whose worker threads read a contextvars.ContextVar. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pthread.h>

static PyObject *request_var;

static PyObject *current_request(void) {
  PyObject *Value = NULL;
  if (PyContextVar_Get(request_var, Py_None, &Value) < 0)
    return NULL;
  return Value;
}

static void *worker(void *Arg) {
  PyGILState_STATE Gil = PyGILState_Ensure();
  PyObject *Request = current_request();
  (void)Arg;
  Py_XDECREF(Request);
  PyGILState_Release(Gil);
  return NULL;
}

static void *worker_in_context(void *Arg) {
  PyObject *Ctx = (PyObject *)Arg;
  PyGILState_STATE Gil = PyGILState_Ensure();
  PyContext_Enter(Ctx);
  Py_XDECREF(current_request());
  PyContext_Exit(Ctx);
  Py_DECREF(Ctx);
  PyGILState_Release(Gil);
  return NULL;
}

static PyObject *start_workers(PyObject *Self, PyObject *Args) {
  PyObject *Ctx = PyContext_CopyCurrent();
  pthread_t Lost, Carried;
  (void)Self;
  (void)Args;
  if (!Ctx)
    return NULL;
  Py_BEGIN_ALLOW_THREADS
  pthread_create(&Lost, NULL, worker, NULL);
  // CHECK: :[[@LINE-1]]:3: warning: Python context is read in a task started by 'pthread_create' but it is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :24:23: note: 'worker' calls 'current_request' here
  // CHECK: :17:7: note: 'current_request' reads Python context through 'PyContextVar_Get' here
  // CHECK: :[[@LINE-4]]:3: note: to carry Python context over, take 'PyContext_CopyCurrent()' at the spawn, and in the task, holding the GIL, 'PyContext_Enter' it before the read and 'PyContext_Exit' it after
  pthread_create(&Carried, NULL, worker_in_context, Ctx);
  pthread_join(Lost, NULL);
  pthread_join(Carried, NULL);
  Py_END_ALLOW_THREADS
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"start_workers", start_workers, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "workers", NULL, -1,
                                    methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit_workers(void) {
  request_var = PyContextVar_New("request_id", NULL);
  if (!request_var)
    return NULL;
  return PyModule_Create(&module);
}
