// Option lists: names with alternatives and optional groups, matched whole
// (and expanded to the names they match rather than compiled), next to
// patterns; the pool lists ignore case.
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.InferContextVariables: false, \
// RUN:     context-lost-in-task.ContextVariables: 'app::(tenant|user)_id(_v2)?;app::trace_[0-9]+', \
// RUN:     context-lost-in-task.PoolLikeClasses: 'Job(Queue|Line)', context-lost-in-task.PoolLikeMethods: 'Enqueue(Now)?'}}" \
// RUN:   -- -std=c++17 | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.InferContextVariables: false, \
// RUN:     context-lost-in-task.ContextVariables: 'app::(tenant|user)_id(_v2)?;app::trace_[0-9]+', \
// RUN:     context-lost-in-task.PoolLikeClasses: 'Job(Queue|Line)', context-lost-in-task.PoolLikeMethods: 'Enqueue(Now)?'}}" \
// RUN:   -- -std=c++17 | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

#include <functional>

namespace app {
thread_local int tenant_id;
thread_local int user_id_v2;
thread_local int trace_42;
// Not listed: 'user_id' followed by something other than '_v2'.
thread_local int user_idx;
// Both names match the pool lists only when case is ignored.
struct JOBQUEUE {
  void ENQUEUENOW(std::function<void()> f);
};
struct JobLine {
  void enqueue(std::function<void()> f);
};
// Not a pool: the list names whole class names.
struct JobQueues {
  void enqueue(std::function<void()> f);
};
} // namespace app

void use(int);

void submit(app::JOBQUEUE &q, app::JobLine &l, app::JobQueues &qs) {
  q.ENQUEUENOW([] { use(app::tenant_id); });
  // CHECK: name-lists.cpp:[[@LINE-1]]:3: warning: thread-local 'app::tenant_id' is read in a task started by 'app::JOBQUEUE::ENQUEUENOW' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: name-lists.cpp:[[@LINE-2]]:30: note: the lambda reads thread-local 'app::tenant_id' here
  // CHECK: name-lists.cpp:[[@LINE-3]]:3: note: alternative fix: pass the value down the call chain as an explicit parameter
  l.enqueue([] { use(app::user_id_v2); });
  // CHECK: name-lists.cpp:[[@LINE-1]]:3: warning: thread-local 'app::user_id_v2' is read in a task started by 'app::JobLine::enqueue' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: name-lists.cpp:[[@LINE-2]]:27: note: the lambda reads thread-local 'app::user_id_v2' here
  // CHECK: name-lists.cpp:[[@LINE-3]]:3: note: alternative fix: pass the value down the call chain as an explicit parameter
  l.enqueue([] { use(app::trace_42); });
  // CHECK: name-lists.cpp:[[@LINE-1]]:3: warning: thread-local 'app::trace_42' is read in a task started by 'app::JobLine::enqueue' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: name-lists.cpp:[[@LINE-2]]:27: note: the lambda reads thread-local 'app::trace_42' here
  // CHECK: name-lists.cpp:[[@LINE-3]]:3: note: alternative fix: pass the value down the call chain as an explicit parameter
  l.enqueue([] { use(app::user_idx); });
  qs.enqueue([] { use(app::tenant_id); });
}
