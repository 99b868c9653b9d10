// Invalid values of the check's options: a clear message naming the check and
// the option, no crash, and the exit code clang-tidy gives for it. The check
// reports a malformed value as an error (exit 1) and runs with that option
// empty (or its default), so the finding below is still reported.
//
// ContextVariables / IgnoredVariables: an invalid regular expression.
// RUN: not %clang_tidy_plugin %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.ContextVariables: "[unclosed"}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=CV,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// RUN: FileCheck %s --check-prefix=FAILED --implicit-check-not='{{.}}' < %t.err
// RUN: not %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.ContextVariables: "[unclosed"}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=CV,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// RUN: FileCheck %s --check-prefix=FAILED --implicit-check-not='{{.}}' < %t.err
// CV: error: context-lost-in-task: option 'ContextVariables': invalid regular expression '[unclosed': brackets ([ ]) not balanced [clang-tidy-config]
//
// RUN: not %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.IgnoredVariables: "ok;(open"}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=IV,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// RUN: FileCheck %s --check-prefix=FAILED --implicit-check-not='{{.}}' < %t.err
// IV: error: context-lost-in-task: option 'IgnoredVariables': invalid regular expression '(open': parentheses not balanced [clang-tidy-config]
//
// Both at once: one error each.
// RUN: not %clang_tidy_plugin %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.ContextVariables: "[unclosed", context-lost-in-task.IgnoredVariables: "a{2"}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=CV,IV2,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// IV2: error: context-lost-in-task: option 'IgnoredVariables': invalid regular expression 'a{2': {{.+}} [clang-tidy-config]
//
// SpawnFunctions: a bad argument index, a missing name.
// RUN: not %clang_tidy_plugin %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.SpawnFunctions: "foo:x"}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=SF,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// RUN: FileCheck %s --check-prefix=FAILED --implicit-check-not='{{.}}' < %t.err
// RUN: not %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.SpawnFunctions: "pool::submit:0;foo:x"}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=SF,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// SF: error: context-lost-in-task: option 'SpawnFunctions': invalid entry 'foo:x': the argument index is not a number (expected 'qualified::name' or 'qualified::name:index') [clang-tidy-config]
//
// RUN: not %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.SpawnFunctions: "run_later:-1"}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=SFNEG,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// SFNEG: error: context-lost-in-task: option 'SpawnFunctions': invalid entry 'run_later:-1': the argument index is not a number (expected 'qualified::name' or 'qualified::name:index') [clang-tidy-config]
//
// RUN: not %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.SpawnFunctions: "ns::run::"}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=SFNAME,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// SFNAME: error: context-lost-in-task: option 'SpawnFunctions': invalid entry 'ns::run::': the function name is not a qualified name (expected 'qualified::name' or 'qualified::name:index') [clang-tidy-config]
//
// Names that could never match a function: an index after an index, a
// name with a single ':' inside, an entry with no name.
// RUN: not %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.SpawnFunctions: "foo:1:2"}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=SFTWO,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// SFTWO: error: context-lost-in-task: option 'SpawnFunctions': invalid entry 'foo:1:2': the function name is not a qualified name (expected 'qualified::name' or 'qualified::name:index') [clang-tidy-config]
// RUN: not %clang_tidy_plugin %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.SpawnFunctions: "a:b:0;:3"}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=SFCOLON,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// SFCOLON: error: context-lost-in-task: option 'SpawnFunctions': invalid entry 'a:b:0': the function name is not a qualified name (expected 'qualified::name' or 'qualified::name:index') [clang-tidy-config]
//
// InferContextVariables: not a boolean. An error like the others (the
// ctxloss driver reads the options with the same code and gives the same
// message); the default (true) is used, so the inferred context variable is
// still found.
// RUN: not %clang_tidy_plugin %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.InferContextVariables: maybe}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=BOOL,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// RUN: FileCheck %s --check-prefix=FAILED --implicit-check-not='{{.}}' < %t.err
// RUN: not %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.InferContextVariables: maybe}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=BOOL,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// RUN: FileCheck %s --check-prefix=FAILED --implicit-check-not='{{.}}' < %t.err
// BOOL: error: context-lost-in-task: option 'InferContextVariables': invalid value 'maybe' (expected 'true' or 'false') [clang-tidy-config]
//
// Spellings of a boolean clang-tidy accepts are accepted.
// RUN: %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.InferContextVariables: Yes}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
//
// IncludeStyle: neither 'llvm' nor 'google'; also as a global option.
// RUN: not %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.IncludeStyle: weird}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=STYLE,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// RUN: not %clang_tidy_plugin %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {IncludeStyle: weird}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=STYLE-GLOBAL,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// STYLE: error: context-lost-in-task: option 'IncludeStyle': invalid value 'weird' (expected 'llvm' or 'google') [clang-tidy-config]
// A global option is read by every enabled context check (in the order
// clang-tidy creates them).
// STYLE-GLOBAL-DAG: error: context-leaked-from-task: option 'IncludeStyle': invalid value 'weird' (expected 'llvm' or 'google') [clang-tidy-config]
// STYLE-GLOBAL-DAG: error: context-lost-after-suspend: option 'IncludeStyle': invalid value 'weird' (expected 'llvm' or 'google') [clang-tidy-config]
// STYLE-GLOBAL-DAG: error: context-lost-in-task: option 'IncludeStyle': invalid value 'weird' (expected 'llvm' or 'google') [clang-tidy-config]
// STYLE-GLOBAL-DAG: error: context-write-lost-in-task: option 'IncludeStyle': invalid value 'weird' (expected 'llvm' or 'google') [clang-tidy-config]
//
// An unknown option name is ignored when checking files (exit 0, nothing on
// stderr); --verify-config reports it, with a suggestion for a typo of a
// real option (which shows the real options are registered).
// RUN: %clang_tidy_plugin %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.Bogus: 1}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// RUN: count 0 < %t.err
// RUN: %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.ContextVarables: "request_id"}}' \
// RUN:   -- -std=c++20 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// RUN: count 0 < %t.err
// RUN: not %clang_tidy_plugin --verify-config --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.Bogus: 1, context-lost-in-task.ContextVarables: "request_id"}}' \
// RUN:   2>&1 | FileCheck %s --check-prefix=VERIFY --implicit-check-not='{{^([^ ]+: )?(warning|error):}}'
// RUN: not %ctxloss_tidy --verify-config --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.Bogus: 1, context-lost-in-task.ContextVarables: "request_id"}}' \
// RUN:   2>&1 | FileCheck %s --check-prefix=VERIFY --implicit-check-not='{{^([^ ]+: )?(warning|error):}}'
// VERIFY-DAG: command-line option '-config': warning: unknown check option 'context-lost-in-task.Bogus' [-verify-config]
// VERIFY-DAG: command-line option '-config': warning: unknown check option 'context-lost-in-task.ContextVarables'; did you mean 'context-lost-in-task.ContextVariables' [-verify-config]
//
// Current limitation (clang-tidy's, shared by upstream checks):
// --verify-config checks option names only, not values, so the bad values
// above pass it. If the check learns to validate there, update this.
// RUN: %ctxloss_tidy --verify-config --checks='-*,context-*' \
// RUN:   --config='{CheckOptions: {context-lost-in-task.ContextVariables: "[unclosed", context-lost-in-task.SpawnFunctions: "foo:x"}}' \
// RUN:   2>&1 | FileCheck %s --check-prefix=VALUES
// VALUES: No config errors detected.
//
// FAILED: Error while processing {{.*}}bad-options.cpp.

#include <string>
#include <thread>

thread_local std::string request_id;

void set_request(const std::string &Id) { request_id = Id; }
void log_event() { (void)request_id.size(); }
// WARN: bad-options.cpp:[[@LINE+1]]:28: warning: thread-local 'request_id' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
void serve() { std::thread T([] { log_event(); }); T.join(); }
// WARN: bad-options.cpp:[[@LINE-1]]:35: note: the lambda calls 'log_event' here
// WARN: bad-options.cpp:[[@LINE-4]]:26: note: 'log_event' reads thread-local 'request_id' here
