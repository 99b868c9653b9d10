/* A task in C: the check warns, no fix is offered. */
#include <pthread.h>
#include <stddef.h>

_Thread_local int request_id;

void set_request(int Id) { request_id = Id; }

void *worker(void *Arg) {
  (void)Arg;
  return (void *)(long)request_id;
}

void spawn(void) {
  pthread_t T;
  pthread_create(&T, NULL, worker, NULL);
  pthread_join(T, NULL);
}
