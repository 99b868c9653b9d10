// Malformed profile options: a configuration error naming the check, the
// option and the profile, no crash, exit code 1. The check then runs with
// the thread-local profile alone, so the finding below is still reported.
//
// A profile that is neither built in nor defined.
// RUN: not %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.Profiles: 'thread-local;querydb'}}" \
// RUN:   -- -std=c++17 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=UNKNOWN,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// RUN: FileCheck %s --check-prefix=FAILED --implicit-check-not='{{.}}' < %t.err
// UNKNOWN: error: context-lost-in-task: option 'Profiles': unknown profile 'querydb': it is not built in and 'context-lost-in-task.querydb.Reads' is not set [clang-tidy-config]
//
// A restore statement that does not use the snapshot.
// RUN: not %clang_tidy_plugin %s --checks='-*,context-*' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.Profiles: 'thread-local;querydb', context-lost-in-task.querydb.Reads: 'DB::getQueryId', context-lost-in-task.querydb.Snapshot: 'DB::getGroup()', context-lost-in-task.querydb.Restore: 'DB::attach();'}}" \
// RUN:   -- -std=c++17 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=NOCTX,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// NOCTX: error: context-lost-in-task: option 'Profiles': profile 'querydb': 'Restore' must use '$ctx', the snapshot [clang-tidy-config]
//
// A snapshot without a restore.
// RUN: not %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.Profiles: 'querydb;thread-local', context-lost-in-task.querydb.Reads: 'DB::getQueryId', context-lost-in-task.querydb.Snapshot: 'DB::getGroup()'}}" \
// RUN:   -- -std=c++17 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=HALF,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// HALF: error: context-lost-in-task: option 'Profiles': profile 'querydb': 'Snapshot' and 'Restore' go together: give both or neither [clang-tidy-config]
//
// An invalid regular expression in a profile's list.
// RUN: not %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.Profiles: 'thread-local;querydb', context-lost-in-task.querydb.Reads: 'DB::(get'}}" \
// RUN:   -- -std=c++17 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=REGEX,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// REGEX: error: context-lost-in-task: option 'Profiles': profile 'querydb': 'Reads': invalid regular expression 'DB::(get': parentheses not balanced [clang-tidy-config]
//
// LoggingReadsContext takes auto, true or false.
// RUN: not %clang_tidy_plugin %s --checks='-*,context-*' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.LoggingReadsContext: 'sometimes'}}" \
// RUN:   -- -std=c++17 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=LOGGING,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// LOGGING: error: context-lost-in-task: option 'LoggingReadsContext': invalid value 'sometimes' (expected 'auto', 'true' or 'false') [clang-tidy-config]
//
// CaptureWrappers and ContextAccessors are regular expressions too.
// RUN: not %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   --config="{CheckOptions: {context-lost-in-task.CaptureWrappers: 'wrap[', context-lost-in-task.ContextAccessors: 'get('}}" \
// RUN:   -- -std=c++17 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefixes=LISTS,WARN --implicit-check-not='{{^([^ ]+: )?(warning|error):}}' < %t.out
// LISTS-DAG: error: context-lost-in-task: option 'CaptureWrappers': invalid regular expression 'wrap[': {{.+}} [clang-tidy-config]
// LISTS-DAG: error: context-lost-in-task: option 'ContextAccessors': invalid regular expression 'get(': {{.+}} [clang-tidy-config]
//
// FAILED: Error while processing {{.*}}bad-profile-options.cpp.

#include <string>
#include <thread>

thread_local std::string request_id;

void set_request(const std::string &Id) { request_id = Id; }
void log_event() { (void)request_id.size(); }
// WARN: bad-profile-options.cpp:[[@LINE+1]]:28: warning: thread-local 'request_id' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
void serve() { std::thread T([] { log_event(); }); T.join(); }
// WARN: bad-profile-options.cpp:[[@LINE-1]]:35: note: the lambda calls 'log_event' here
// WARN: bad-profile-options.cpp:[[@LINE-4]]:26: note: 'log_event' reads thread-local 'request_id' here
