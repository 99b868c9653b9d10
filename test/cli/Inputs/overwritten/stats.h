#include <functional>

// RocksDB's shape: per-thread I/O figures whose pool id each background
// job stamps first thing (IOSTATS_SET_THREAD_POOL_ID).
struct IOStats {
  unsigned long bytes_written = 0;
  int thread_pool_id = 0;
};
extern thread_local IOStats iostats;
#define IOSTATS_SET_THREAD_POOL_ID(value) (iostats.thread_pool_id = value)

class JobPool {
public:
  void schedule(void (*Fn)(void *), void *Arg);
};
class SidePool {
public:
  void schedule(void (*Fn)(void *), void *Arg);
};

void write_block(unsigned long Size);
unsigned long bytes_so_far();
void bg_flush(void *);
void bg_purge(void *);
