// ctxloss-tidy finds clang's builtin headers by itself: it passes the
// resource directory of the clang it was built with (a build-tree or
// non-LLVM-prefix binary would otherwise look in <bin>/../lib/clang/22).
// -v prints the cc1 command and the header search list.
//
// RUN: %clangxx -print-resource-dir > %t.res
// RUN: %ctxloss_tidy %s --checks='-*,context-*' -- -std=c++20 -v > %t.out 2>&1
// RUN: cat %t.res %t.out | FileCheck %s --check-prefixes=RES,OK
//
// The stock clang-tidy with the plugin, for comparison: the same.
// RUN: %clang_tidy_plugin %s --checks='-*,context-*' -- -std=c++20 -v > %t.out 2>&1
// RUN: cat %t.res %t.out | FileCheck %s --check-prefixes=RES,OK
//
// RES:         {{^}}[[RES:/.+]]{{$}}
// RES:         "-cc1"
// RES-SAME:    "-resource-dir" "[[RES]]"
// RES:         #include <...> search starts here:
// RES:         {{^}} [[RES]]/include{{$}}
// RES:         End of search list.
// OK-NOT:      {{error|warning}}:
//
// A resource directory the user names wins, given by --extra-arg (then
// ctxloss-tidy adds none) or in the compile command (which comes after the
// one ctxloss-tidy adds): the cc1 command has exactly that one.
// RUN: mkdir -p %t.dir/res
// RUN: %ctxloss_tidy %s --checks='-*,context-*' --extra-arg=-resource-dir=%t.dir/res \
// RUN:   -- -std=c++20 -v 2>&1 | FileCheck %s --check-prefix=USER -DRES=%t.dir/res
// RUN: %ctxloss_tidy %s --checks='-*,context-*' \
// RUN:   -- -std=c++20 -v -resource-dir=%t.dir/res 2>&1 | FileCheck %s --check-prefix=USER -DRES=%t.dir/res
// USER:     "-cc1"
// USER-NOT: "-resource-dir"
// USER-SAME: "-resource-dir" "[[RES]]"
// USER-NOT: "-resource-dir"
// USER:     #include <...> search starts here:

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <thread>

struct Pair { int A; int B; };

size_t second_offset() { return offsetof(Pair, B); }

int sum(int N, ...) {
  va_list Args;
  va_start(Args, N);
  int Total = 0;
  for (int I = 0; I < N; ++I)
    Total += va_arg(Args, int);
  va_end(Args);
  return Total;
}

void run() { std::thread T([] { (void)sum(2, 1, 2); }); T.join(); }
