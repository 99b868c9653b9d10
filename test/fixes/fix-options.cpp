// The fix options. A bad FixStrategy is a configuration error naming the
// option (the check still runs, with the default strategy); the options and
// their defaults appear in --dump-config; IncludeStyle places the include.
//
// RUN: not %ctxloss_tidy %s --checks='-*,context-lost-in-task' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.FixStrategy: "explicit"}}' \
// RUN:   -- -std=c++17 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not %clang_tidy_plugin %s --checks='-*,context-lost-in-task' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.FixStrategy: "explicit"}}' \
// RUN:   -- -std=c++17 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: context-lost-in-task: option 'FixStrategy': invalid value 'explicit' (expected 'copy-and-run' or 'explicit-parameter') [clang-tidy-config]
// BAD: :[[@LINE+34]]:15: warning: thread-local 'request_id' is read in a task
//
// RUN: %ctxloss_tidy --checks='-*,context-lost-in-task' --dump-config \
// RUN:   | FileCheck %s --check-prefix=DUMP
// RUN: %ctxloss_tidy --checks='-*,context-lost-in-task' --dump-config \
// RUN:   --config='{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter, context-lost-in-task.IncludeStyle: google}}' \
// RUN:   | FileCheck %s --check-prefix=DUMP-SET
// DUMP-DAG: context-lost-in-task.FixStrategy: copy-and-run
// DUMP-DAG: context-lost-in-task.IncludeStyle: llvm
// DUMP-SET-DAG: context-lost-in-task.FixStrategy: explicit-parameter
// DUMP-SET-DAG: context-lost-in-task.IncludeStyle: google
//
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/google.cpp
// RUN: %ctxloss_tidy %t/google.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   --config='{CheckOptions: {context-lost-in-task.IncludeStyle: google}}' \
// RUN:   -- -std=c++17 -I%ctxloss_include > %t/out.txt
// RUN: FileCheck %s --check-prefix=GOOGLE --match-full-lines < %t/google.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -I%ctxloss_include %t/google.cpp
// RUN: %ctxloss_tidy %t/google.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 -I%ctxloss_include | count 0

#include <string>
#include <thread>

// GOOGLE: #include <ctxloss/context.h>
// GOOGLE-EMPTY:
// GOOGLE-NEXT: #include <string>
// GOOGLE-NEXT: #include <thread>

thread_local std::string request_id;

void enter(const std::string &Id) { request_id = Id; }

void spawn() {
  std::thread T([] { (void)request_id.size(); });
  T.join();
}
