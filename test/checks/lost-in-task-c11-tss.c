// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c11 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c11 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

/* C11 thread-specific storage: tss_get reads and tss_set writes the data of
   the key object, which is one context. A worker that sets the key from its
   argument first restores it. */

#include <pthread.h>
#include <stddef.h>
#include <threads.h>

static tss_t user_key;

void set_user(void *User) { tss_set(user_key, User); }
void *current_user(void) { return tss_get(user_key); }

static void *worker(void *Arg) {
  (void)Arg;
  current_user();
  return NULL;
}

static void *restoring_worker(void *Arg) {
  set_user(Arg);
  current_user();
  return NULL;
}

void serve(void *User) {
  pthread_t A, B;
  set_user(User);
  pthread_create(&A, NULL, worker, NULL);
  // CHECK: :[[@LINE-1]]:3: warning: thread-specific data of key 'user_key' is read in a task started by 'pthread_create' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :21:3: note: 'worker' calls 'current_user' here
  // CHECK: :17:35: note: 'current_user' reads thread-specific data of key 'user_key' here
  pthread_create(&B, NULL, restoring_worker, User);
  pthread_join(A, NULL);
  pthread_join(B, NULL);
}
