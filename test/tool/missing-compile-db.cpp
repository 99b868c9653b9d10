// Missing inputs the tool is pointed at: a compilation database, a config
// file, the plugin. Each gives a clear message and no crash.
//
// -p to a directory that does not exist (outside the build tree: clang-tidy
// also searches the parent directories, and the build directory has a
// compile_commands.json). clang-tidy says what it tried on stderr and, for a
// file named on the command line, carries on without flags: exit 0, and the
// finding is still reported.
// RUN: %ctxloss_tidy -p /nonexistent %s --checks='-*,context-*' > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// RUN: FileCheck %s --check-prefix=MISSING --implicit-check-not='{{.}}' < %t.err
// RUN: %clang_tidy_plugin -p /nonexistent %s --checks='-*,context-*' > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// RUN: FileCheck %s --check-prefix=MISSING --implicit-check-not='{{.}}' < %t.err
// MISSING:      Error while trying to load a compilation database:
// MISSING-NEXT: Could not auto-detect compilation database from directory "/nonexistent"
// MISSING-NEXT: No compilation database found in /nonexistent or any parent directory
// MISSING-NEXT: fixed-compilation-database: Error while opening fixed database: No such file or directory
// MISSING-NEXT: json-compilation-database: Error while opening JSON database: No such file or directory
// MISSING-NEXT: Running without flags.
//
// -p and no file to check: the usage text, exit 1.
// RUN: not %ctxloss_tidy -p /nonexistent 2>&1 | FileCheck %s --check-prefix=USAGE
// USAGE: USAGE: ctxloss-tidy [options] <source0> [... <sourceN>]
//
// A --config-file that does not exist: an error, exit 1, nothing checked.
// RUN: not %ctxloss_tidy --config-file=%t.nonexistent/.clang-tidy %s -- -std=c++20 \
// RUN:   > %t.out 2> %t.err
// RUN: count 0 < %t.out
// RUN: FileCheck %s --check-prefix=CONFIG -DDIR=%t.nonexistent --implicit-check-not='{{.}}' < %t.err
// CONFIG: Error: can't read config-file '[[DIR]]/.clang-tidy': No such file or directory
//
// A plugin path that does not exist: the stock clang-tidy says so, ignores
// the request and then has no context check to run.
// RUN: not %clang_tidy --load=%t.nonexistent/libctxloss-tidy.so --checks='-*,context-*' \
// RUN:   %s -- -std=c++20 2>&1 | FileCheck %s --check-prefix=LOAD -DDIR=%t.nonexistent
// LOAD:      Error opening '[[DIR]]/libctxloss-tidy.so': [[DIR]]/libctxloss-tidy.so: cannot open shared object file: No such file or directory
// LOAD-NEXT:   -load request ignored.
// LOAD:      Error: no checks enabled.

#include <string>
#include <thread>

thread_local std::string request_id;

void set_request(const std::string &Id) { request_id = Id; }
void log_event() { (void)request_id.size(); }
// WARN: missing-compile-db.cpp:[[@LINE+1]]:28: warning: thread-local 'request_id' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
void serve() { std::thread T([] { log_event(); }); T.join(); }
// WARN: missing-compile-db.cpp:[[@LINE-1]]:35: note: the lambda calls 'log_event' here
// WARN: missing-compile-db.cpp:[[@LINE-4]]:26: note: 'log_event' reads thread-local 'request_id' here
