#include "log.h"

void b() { audit_async(); }
