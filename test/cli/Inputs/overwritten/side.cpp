#include "stats.h"

static void report_bytes(void *) { (void)bytes_so_far(); }
void schedule_report(SidePool &Side) { Side.schedule(&report_bytes, nullptr); }
