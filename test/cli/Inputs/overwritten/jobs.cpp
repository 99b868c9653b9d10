#include "stats.h"

void bg_flush(void *) {
  IOSTATS_SET_THREAD_POOL_ID(1);
  unsigned long Before = bytes_so_far();
  write_block(4096);
  (void)Before;
}
void bg_purge(void *) { IOSTATS_SET_THREAD_POOL_ID(2); }

void schedule_jobs(JobPool &Jobs, SidePool &Side) {
  Jobs.schedule(&bg_flush, nullptr);
  Jobs.schedule(&bg_purge, nullptr);
  Side.schedule(&bg_purge, nullptr);
}
