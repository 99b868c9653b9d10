// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// A chain of 50 calls from the task to the read: every step is a note, in
// order. step0 calls step1, ..., step49 reads the context.

#include <thread>

thread_local unsigned long trace_id = 0;
void start_trace(unsigned long Id) { trace_id = Id; }
unsigned long step49() { return trace_id; }
unsigned long step48() { return step49(); }
unsigned long step47() { return step48(); }
unsigned long step46() { return step47(); }
unsigned long step45() { return step46(); }
unsigned long step44() { return step45(); }
unsigned long step43() { return step44(); }
unsigned long step42() { return step43(); }
unsigned long step41() { return step42(); }
unsigned long step40() { return step41(); }
unsigned long step39() { return step40(); }
unsigned long step38() { return step39(); }
unsigned long step37() { return step38(); }
unsigned long step36() { return step37(); }
unsigned long step35() { return step36(); }
unsigned long step34() { return step35(); }
unsigned long step33() { return step34(); }
unsigned long step32() { return step33(); }
unsigned long step31() { return step32(); }
unsigned long step30() { return step31(); }
unsigned long step29() { return step30(); }
unsigned long step28() { return step29(); }
unsigned long step27() { return step28(); }
unsigned long step26() { return step27(); }
unsigned long step25() { return step26(); }
unsigned long step24() { return step25(); }
unsigned long step23() { return step24(); }
unsigned long step22() { return step23(); }
unsigned long step21() { return step22(); }
unsigned long step20() { return step21(); }
unsigned long step19() { return step20(); }
unsigned long step18() { return step19(); }
unsigned long step17() { return step18(); }
unsigned long step16() { return step17(); }
unsigned long step15() { return step16(); }
unsigned long step14() { return step15(); }
unsigned long step13() { return step14(); }
unsigned long step12() { return step13(); }
unsigned long step11() { return step12(); }
unsigned long step10() { return step11(); }
unsigned long step9() { return step10(); }
unsigned long step8() { return step9(); }
unsigned long step7() { return step8(); }
unsigned long step6() { return step7(); }
unsigned long step5() { return step6(); }
unsigned long step4() { return step5(); }
unsigned long step3() { return step4(); }
unsigned long step2() { return step3(); }
unsigned long step1() { return step2(); }
unsigned long step0() { return step1(); }

void spawn() {
  std::thread T(step0);
  // CHECK: :[[@LINE-1]]:15: warning: thread-local 'trace_id' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :62:32: note: 'step0' calls 'step1' here
  // CHECK: :61:32: note: 'step1' calls 'step2' here
  // CHECK: :60:32: note: 'step2' calls 'step3' here
  // CHECK: :59:32: note: 'step3' calls 'step4' here
  // CHECK: :58:32: note: 'step4' calls 'step5' here
  // CHECK: :57:32: note: 'step5' calls 'step6' here
  // CHECK: :56:32: note: 'step6' calls 'step7' here
  // CHECK: :55:32: note: 'step7' calls 'step8' here
  // CHECK: :54:32: note: 'step8' calls 'step9' here
  // CHECK: :53:32: note: 'step9' calls 'step10' here
  // CHECK: :52:33: note: 'step10' calls 'step11' here
  // CHECK: :51:33: note: 'step11' calls 'step12' here
  // CHECK: :50:33: note: 'step12' calls 'step13' here
  // CHECK: :49:33: note: 'step13' calls 'step14' here
  // CHECK: :48:33: note: 'step14' calls 'step15' here
  // CHECK: :47:33: note: 'step15' calls 'step16' here
  // CHECK: :46:33: note: 'step16' calls 'step17' here
  // CHECK: :45:33: note: 'step17' calls 'step18' here
  // CHECK: :44:33: note: 'step18' calls 'step19' here
  // CHECK: :43:33: note: 'step19' calls 'step20' here
  // CHECK: :42:33: note: 'step20' calls 'step21' here
  // CHECK: :41:33: note: 'step21' calls 'step22' here
  // CHECK: :40:33: note: 'step22' calls 'step23' here
  // CHECK: :39:33: note: 'step23' calls 'step24' here
  // CHECK: :38:33: note: 'step24' calls 'step25' here
  // CHECK: :37:33: note: 'step25' calls 'step26' here
  // CHECK: :36:33: note: 'step26' calls 'step27' here
  // CHECK: :35:33: note: 'step27' calls 'step28' here
  // CHECK: :34:33: note: 'step28' calls 'step29' here
  // CHECK: :33:33: note: 'step29' calls 'step30' here
  // CHECK: :32:33: note: 'step30' calls 'step31' here
  // CHECK: :31:33: note: 'step31' calls 'step32' here
  // CHECK: :30:33: note: 'step32' calls 'step33' here
  // CHECK: :29:33: note: 'step33' calls 'step34' here
  // CHECK: :28:33: note: 'step34' calls 'step35' here
  // CHECK: :27:33: note: 'step35' calls 'step36' here
  // CHECK: :26:33: note: 'step36' calls 'step37' here
  // CHECK: :25:33: note: 'step37' calls 'step38' here
  // CHECK: :24:33: note: 'step38' calls 'step39' here
  // CHECK: :23:33: note: 'step39' calls 'step40' here
  // CHECK: :22:33: note: 'step40' calls 'step41' here
  // CHECK: :21:33: note: 'step41' calls 'step42' here
  // CHECK: :20:33: note: 'step42' calls 'step43' here
  // CHECK: :19:33: note: 'step43' calls 'step44' here
  // CHECK: :18:33: note: 'step44' calls 'step45' here
  // CHECK: :17:33: note: 'step45' calls 'step46' here
  // CHECK: :16:33: note: 'step46' calls 'step47' here
  // CHECK: :15:33: note: 'step47' calls 'step48' here
  // CHECK: :14:33: note: 'step48' calls 'step49' here
  // CHECK: :13:33: note: 'step49' reads thread-local 'trace_id' here
  T.join();
}
