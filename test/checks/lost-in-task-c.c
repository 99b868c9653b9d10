// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c11 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c11 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

/* C: _Thread_local and __thread context behind pthread_create. */

#include <ctxloss/annotations.h>
#include <pthread.h>
#include <stddef.h>

static _Thread_local int request_id;
CTXLOSS_CONTEXT static __thread const char *tenant;

void begin_request(int Id) { request_id = Id; }
static int current_request(void) { return request_id; }

static void *worker(void *Arg) {
  (void)Arg;
  (void)current_request();
  (void)tenant;
  return NULL;
}

static void *restoring_worker(void *Arg) {
  request_id = *(int *)Arg;
  (void)current_request();
  return NULL;
}

void serve(int Id) {
  pthread_t A, B;
  begin_request(Id);
  pthread_create(&A, NULL, worker, NULL);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'request_id' is read in a task started by 'pthread_create' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :20:9: note: 'worker' calls 'current_request' here
  // CHECK: :16:43: note: 'current_request' reads thread-local 'request_id' here
  // CHECK: :[[@LINE-4]]:3: warning: thread-local 'tenant' is read in a task started by 'pthread_create'
  // CHECK: :21:9: note: 'worker' reads thread-local 'tenant' here
  pthread_create(&B, NULL, restoring_worker, &Id);
  pthread_join(A, NULL);
  pthread_join(B, NULL);
}
