// RUN: %clang_tidy_plugin %s --checks='-*,context-write-lost-in-task' -- -std=c11 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-write-lost-in-task' -- -std=c11 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

/* C: a thread started with pthread_create writes _Thread_local context and
   pthread-specific data; the spawner reads them after pthread_join. */

#include <pthread.h>
#include <stddef.h>

static _Thread_local int request_id;
static pthread_key_t user_key;

void begin_request(int Id) { request_id = Id; }
int current_request(void) { return request_id; }
void set_user(void *User) { pthread_setspecific(user_key, User); }
void *current_user(void) { return pthread_getspecific(user_key); }

static void *worker(void *Arg) {
  begin_request(*(int *)Arg);
  set_user(Arg);
  return NULL;
}

/* Positive: the thread-local and the key, read after the join. */
int joined(int Id) {
  pthread_t T;
  pthread_create(&T, NULL, worker, &Id);
  pthread_join(T, NULL);
  (void)current_user();
  // CHECK: :[[@LINE-1]]:9: warning: thread-specific data of key 'user_key' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :29:3: note: 'joined' starts the task with 'pthread_create' here
  // CHECK: :22:3: note: 'worker' calls 'set_user' here
  // CHECK: :17:29: note: 'set_user' writes thread-specific data of key 'user_key' here
  // CHECK: :30:3: note: 'joined' waits for the task with 'pthread_join' here
  // CHECK: :[[@LINE-6]]:9: note: 'joined' calls 'current_user' here
  // CHECK: :18:35: note: 'current_user' reads thread-specific data of key 'user_key' here
  // CHECK: :[[@LINE-8]]:9: note: return the value from the task and set it on this thread, or pass it back explicitly
  return current_request();
  // CHECK: :[[@LINE-1]]:10: warning: thread-local 'request_id' is read after waiting for a task that writes it, but the task's write stays on the task's thread [context-write-lost-in-task]
  // CHECK: :29:3: note: 'joined' starts the task with 'pthread_create' here
  // CHECK: :21:3: note: 'worker' calls 'begin_request' here
  // CHECK: :15:30: note: 'begin_request' writes thread-local 'request_id' here
  // CHECK: :30:3: note: 'joined' waits for the task with 'pthread_join' here
  // CHECK: :[[@LINE-6]]:10: note: 'joined' calls 'current_request' here
  // CHECK: :16:36: note: 'current_request' reads thread-local 'request_id' here
  // CHECK: :[[@LINE-8]]:10: note: return the value from the task and set it on this thread, or pass it back explicitly
}

/* Negative: the thread's result is set on this thread. */
static void *compute(void *Arg) { return Arg; }
int returned(int Id) {
  pthread_t T;
  void *Result = NULL;
  pthread_create(&T, NULL, compute, &Id);
  pthread_join(T, &Result);
  begin_request(*(int *)Result);
  return current_request();
}

/* Negative: another thread is joined. */
int other_thread(int Id, pthread_t Other) {
  pthread_t T;
  pthread_create(&T, NULL, worker, &Id);
  pthread_join(Other, NULL);
  return current_request();
}
