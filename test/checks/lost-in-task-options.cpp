// Defaults: only the inferred 'request_id' and the annotated 'span_id'.
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=DEFAULT,INFER,ANNOTATED --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=DEFAULT,INFER,ANNOTATED --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// ContextVariables adds 'app::worker_name'; SpawnFunctions adds two spawns.
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.ContextVariables: 'app::worker_.*;unused', \
// RUN:     context-lost-in-task.SpawnFunctions: 'app::run_later:1; app::EventLoop::post'}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=DEFAULT,INFER,ANNOTATED,CONFIGURED,SPAWNS --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.ContextVariables: 'app::worker_.*;unused', \
// RUN:     context-lost-in-task.SpawnFunctions: 'app::run_later:1; app::EventLoop::post'}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=DEFAULT,INFER,ANNOTATED,CONFIGURED,SPAWNS --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// IgnoredVariables wins over inference and annotation.
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.IgnoredVariables: 'app::request_id;app::span_.*'}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=DEFAULT --allow-empty --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
//
// Without inference only annotated and configured variables are context.
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.InferContextVariables: false}}" \
// RUN:   -- -std=c++17 -I%ctxloss_include \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --check-prefixes=DEFAULT,ANNOTATED --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

#include <ctxloss/annotations.h>
#include <string>
#include <thread>

namespace app {

thread_local std::string request_id;
CTXLOSS_CONTEXT thread_local long span_id = 0;
// Never assigned: context only when configured.
thread_local const char *worker_name = "main";

void begin(const std::string &Id) { request_id = Id; }
void log_line() {
  (void)request_id.size();
  (void)span_id;
  (void)worker_name;
}

void run_later(int Priority, void (*Fn)());

struct EventLoop {
  template <typename F> void post(F Task) { (void)Task; }
};

void spawn() {
  std::thread T(log_line);
  // INFER: :[[@LINE-1]]:15: warning: thread-local 'app::request_id' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // INFER: :44:9: note: 'app::log_line' reads thread-local 'app::request_id' here
  // ANNOTATED: :[[@LINE-3]]:15: warning: thread-local 'app::span_id' is read in a task started by 'std::thread'
  // ANNOTATED: :45:9: note: 'app::log_line' reads thread-local 'app::span_id' here
  // CONFIGURED: :[[@LINE-5]]:15: warning: thread-local 'app::worker_name' is read in a task started by 'std::thread'
  // CONFIGURED: :46:9: note: 'app::log_line' reads thread-local 'app::worker_name' here
  T.join();
}

void configured_spawns(EventLoop &P) {
  run_later(1, log_line);
  // SPAWNS: :[[@LINE-1]]:3: warning: thread-local 'app::request_id' is read in a task started by 'app::run_later'
  // SPAWNS: :44:9: note: 'app::log_line' reads thread-local 'app::request_id' here
  // SPAWNS: :[[@LINE-3]]:16: note: no fix-it: the task is passed as a function pointer, which cannot carry a snapshot of 'app::request_id', 'app::span_id', 'app::worker_name'; pass the value through the task's argument and restore it with 'ctxloss::scoped_value' at the top of the task
  // SPAWNS: :[[@LINE-4]]:3: warning: thread-local 'app::span_id' is read in a task started by 'app::run_later'
  // SPAWNS: :45:9: note: 'app::log_line' reads thread-local 'app::span_id' here
  // SPAWNS: :[[@LINE-6]]:3: warning: thread-local 'app::worker_name' is read in a task started by 'app::run_later'
  // SPAWNS: :46:9: note: 'app::log_line' reads thread-local 'app::worker_name' here
  P.post([] { (void)span_id; });
  // SPAWNS: :[[@LINE-1]]:3: warning: thread-local 'app::span_id' is read in a task started by 'app::EventLoop::post'
  // SPAWNS: :[[@LINE-2]]:21: note: the lambda reads thread-local 'app::span_id' here
}

} // namespace app
// DEFAULT-NOT: {{warning|error}}: {{.*}}configuration
