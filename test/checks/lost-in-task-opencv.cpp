// RUN: sed -e 's,// [A-Z-]*:.*,,' %s > %t.cpp
// RUN: %clang_tidy_plugin %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -isystem /usr/include/opencv4 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %t.cpp --checks='-*,context-lost-in-task' -- -std=c++17 -isystem /usr/include/opencv4 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// cv::parallel_for_ runs its body on OpenCV's thread pool, against Debian's
// OpenCV headers: a ParallelLoopBody (its dynamic type's operator() when
// the site shows it) or a callable.

#include <opencv2/core/utility.hpp>

thread_local int tenant = 0;

void enter(int T) { tenant = T; }
int current_tenant() { return tenant; }

class RowBody : public cv::ParallelLoopBody {
public:
  explicit RowBody(int *Rows) : Rows(Rows) {}
  void operator()(const cv::Range &R) const override {
    for (int I = R.start; I < R.end; ++I)
      Rows[I] = current_tenant();
  }

private:
  int *Rows;
};

class PlainBody : public cv::ParallelLoopBody {
public:
  void operator()(const cv::Range &) const override {}
};

void bodies(int *Rows) {
  cv::parallel_for_(cv::Range(0, 8), RowBody(Rows));
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'cv::parallel_for_' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :23:17: note: 'RowBody::operator()' calls 'current_tenant' here
  // CHECK: :16:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:38: note: no fix-it: the task is passed as 'cv::ParallelLoopBody', which a lambda carrying the snapshot would not convert to; snapshot the value where the task is made and restore it at the top of the task
  RowBody Body(Rows);
  cv::parallel_for_(cv::Range(0, 8), Body, 4);
  // CHECK: :[[@LINE-1]]:3: warning: thread-local 'tenant' is read in a task started by 'cv::parallel_for_'
  // CHECK: :23:17: note: 'RowBody::operator()' calls 'current_tenant' here
  // CHECK: :16:31: note: 'current_tenant' reads thread-local 'tenant' here
  // CHECK: :[[@LINE-4]]:38: note: no fix-it: the task is passed as 'cv::ParallelLoopBody',
}

void lambdas(int *Rows) {
  cv::parallel_for_(cv::Range(0, 8), [&](const cv::Range &R) {
    for (int I = R.start; I < R.end; ++I)
      Rows[I] = current_tenant();
  });
  // CHECK: :[[@LINE-4]]:3: warning: thread-local 'tenant' is read in a task started by 'cv::parallel_for_'
  // CHECK: :[[@LINE-3]]:17: note: the lambda calls 'current_tenant' here
  // CHECK: :16:31: note: 'current_tenant' reads thread-local 'tenant' here
}

// Negatives: a body that does not read the context, a body whose dynamic
// type the site does not show, a body called inline.
void negatives(const cv::ParallelLoopBody &Unknown, int *Rows) {
  cv::parallel_for_(cv::Range(0, 8), PlainBody());
  cv::parallel_for_(cv::Range(0, 8), Unknown);
  RowBody Body(Rows);
  Body(cv::Range(0, 8));
}

int main() {
  enter(1);
  int Rows[8];
  bodies(Rows);
  lambdas(Rows);
  negatives(PlainBody(), Rows);
}
