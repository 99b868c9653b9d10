// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 -fopenmp \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 -fopenmp \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// OpenMP regions against the real runtime header (libomp-22-dev): a read in
// a parallel or task region, or in a function it calls, is lost on every
// thread of the team but the one that entered the region.

#include <omp.h>
#include <string>

thread_local std::string job_id;
void start_job(const std::string &Id) { job_id = Id; }
void trace(int Item) { (void)Item, (void)job_id.size(); }

// threadprivate: per OpenMP thread, like thread_local.
static int batch;
#pragma omp threadprivate(batch)
void set_batch(int B) { batch = B; }
int current_batch() { return batch; }

void regions(int N) {
#pragma omp parallel
  trace(omp_get_thread_num());
  // CHECK: :[[@LINE-2]]:1: warning: thread-local 'job_id' is read in a task started by '#pragma omp parallel' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:3: note: the OpenMP region calls 'trace' here
  // CHECK: :15:42: note: 'trace' reads thread-local 'job_id' here

#pragma omp parallel for
  for (int I = 0; I < N; ++I)
    trace(I);
  // CHECK: :[[@LINE-3]]:1: warning: thread-local 'job_id' is read in a task started by '#pragma omp parallel for'
  // CHECK: :[[@LINE-2]]:5: note: the OpenMP region calls 'trace' here
  // CHECK: :15:42: note: 'trace' reads thread-local 'job_id' here

#pragma omp parallel
#pragma omp single
  {
    // Reported at the innermost region: the task is a spawn of its own.
#pragma omp task
    (void)job_id.empty();
    // CHECK: :[[@LINE-2]]:1: warning: thread-local 'job_id' is read in a task started by '#pragma omp task'
    // CHECK: :[[@LINE-2]]:11: note: the OpenMP region reads thread-local 'job_id' here
  }
}

void threadprivate_batch() {
#pragma omp parallel
  (void)current_batch();
  // CHECK: :[[@LINE-2]]:1: warning: thread-local 'batch' is read in a task started by '#pragma omp parallel'
  // CHECK: :[[@LINE-2]]:9: note: the OpenMP region calls 'current_batch' here
  // CHECK: :21:30: note: 'current_batch' reads thread-local 'batch' here

  // copyin carries the encountering thread's value into every thread.
#pragma omp parallel copyin(batch)
  (void)current_batch();
}

void restored_in_region(const std::string &Id) {
#pragma omp parallel firstprivate(Id)
  {
    job_id = Id;
    trace(1);
  }
}

// Work-sharing and synchronisation constructs outside a parallel region run
// on the encountering thread.
void not_regions() {
#pragma omp single
  trace(2);
#pragma omp critical
  trace(3);
}
