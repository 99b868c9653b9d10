#include "stats.h"

thread_local IOStats iostats;
void write_block(unsigned long Size) { iostats.bytes_written += Size; }
unsigned long bytes_so_far() { return iostats.bytes_written; }
