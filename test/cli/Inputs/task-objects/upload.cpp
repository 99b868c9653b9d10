#include "task.h"

thread_local int tenant = 0;

void set_tenant(int T) { tenant = T; }
int tenant_of() { return tenant; }
void Upload::run() { (void)tenant_of(); }
