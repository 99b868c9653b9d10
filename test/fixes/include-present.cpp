// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' --fix \
// RUN:   -- -std=c++17 -I%ctxloss_include > %t/out.txt
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/fixed.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only -Werror -Wall -I%ctxloss_include \
// RUN:   %t/fixed.cpp
// RUN: %ctxloss_tidy %t/fixed.cpp --checks='-*,context-lost-in-task' \
// RUN:   -- -std=c++17 -I%ctxloss_include | count 0

// The runtime header is included already, with quotes: it is not included a
// second time with angle brackets (clang-tidy's include inserter only
// recognises the spelling it would write).

#include "ctxloss/context.h"
#include <string>
#include <thread>

// FIXED: #include "ctxloss/context.h"
// FIXED-NEXT: #include <string>
// FIXED-NEXT: #include <thread>

thread_local std::string request_id;

void enter(const std::string &Id) {
  ctxloss::scoped_value Scope(request_id, Id);
  std::thread T([] { (void)request_id.size(); });
  // FIXED: std::thread T([ctx_request_id = request_id] { ctxloss::scoped_value restore_request_id(request_id, ctx_request_id); (void)request_id.size(); });
  T.join();
}
