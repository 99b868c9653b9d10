// RUN: rm -rf %t && mkdir -p %t && cp %s %t/input.cpp
// RUN: %ctxloss_tidy %t/input.cpp --checks='-*,context-lost-in-task' \
// RUN:   --export-fixes=%t/copy-and-run.yaml -- -std=c++17 -I%ctxloss_include \
// RUN:   > %t/out.txt
// RUN: FileCheck %s --check-prefix=DEFAULT < %t/copy-and-run.yaml
// RUN: %ctxloss_tidy %t/input.cpp --checks='-*,context-lost-in-task' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.FixStrategy: explicit-parameter}}" \
// RUN:   --export-fixes=%t/explicit.yaml -- -std=c++17 -I%ctxloss_include \
// RUN:   > %t/out.txt
// RUN: FileCheck %s --check-prefix=EXPLICIT < %t/explicit.yaml

// The strategy not chosen by FixStrategy is offered too, as the fix of a
// note of its own at the spawn ("alternative fix: ..."), for --fix-notes and
// for IDEs, which list both. The note that shows the read carries no fix:
// clangd hides the text of a note that has one.

#include <string>
#include <thread>

thread_local std::string request_id;

void enter(const std::string &Id) { request_id = Id; }
void log_event() { (void)request_id.size(); }

void spawn() {
  std::thread T([] { log_event(); });
  T.join();
}

// DEFAULT:      Message: 'thread-local ''request_id'' is read in a task
// DEFAULT:      Replacements:
// DEFAULT:        ReplacementText: "#include <ctxloss/context.h>\n\n"
// DEFAULT:        ReplacementText: 'ctx_request_id = request_id'
// DEFAULT:        ReplacementText: ' ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);'
// DEFAULT:      Notes:
// DEFAULT:        - Message: 'the lambda calls ''log_event'' here'
// DEFAULT-NEXT:     FilePath:
// DEFAULT-NEXT:     FileOffset:
// DEFAULT-NEXT:     Replacements: []
// DEFAULT-NEXT:   - Message: '''log_event'' reads thread-local ''request_id'' here'
// DEFAULT-NEXT:     FilePath:
// DEFAULT-NEXT:     FileOffset:
// DEFAULT-NEXT:     Replacements: []
// DEFAULT-NEXT:   - Message: 'alternative fix: pass the value down the call chain as an explicit parameter'
// DEFAULT-NEXT:     FilePath:
// DEFAULT-NEXT:     FileOffset:
// DEFAULT-NEXT:     Replacements:
// DEFAULT:            ReplacementText: 'const std::string &ctx_request_id'
// DEFAULT:            ReplacementText: ctx_request_id
// DEFAULT:            ReplacementText: 'ctx_request_id = request_id'
// DEFAULT:            ReplacementText: ctx_request_id
// DEFAULT:      Level: Warning

// EXPLICIT:      Message: 'thread-local ''request_id'' is read in a task
// EXPLICIT:      Replacements:
// EXPLICIT-NEXT:   - FilePath:
// EXPLICIT:          ReplacementText: 'const std::string &ctx_request_id'
// EXPLICIT:          ReplacementText: ctx_request_id
// EXPLICIT:          ReplacementText: 'ctx_request_id = request_id'
// EXPLICIT:          ReplacementText: ctx_request_id
// EXPLICIT:      Notes:
// EXPLICIT:        - Message: '''log_event'' reads thread-local ''request_id'' here'
// EXPLICIT-NEXT:     FilePath:
// EXPLICIT-NEXT:     FileOffset:
// EXPLICIT-NEXT:     Replacements: []
// EXPLICIT-NEXT:   - Message: 'alternative fix: snapshot the value here and restore it in the task'
// EXPLICIT-NEXT:     FilePath:
// EXPLICIT-NEXT:     FileOffset:
// EXPLICIT-NEXT:     Replacements:
// EXPLICIT:            ReplacementText: "#include <ctxloss/context.h>\n\n"
// EXPLICIT:            ReplacementText: 'ctx_request_id = request_id'
// EXPLICIT:            ReplacementText: ' ctxloss::scoped_value restore_request_id(request_id, ctx_request_id);'
// EXPLICIT:      Level: Warning
