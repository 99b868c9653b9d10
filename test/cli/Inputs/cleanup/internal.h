#pragma once
// log4cplus 2.0.8's per-thread data (include/log4cplus/internal/internal.h).
namespace logging::internal {
struct per_thread_data {
  int mdc = 0;
};
extern thread_local per_thread_data *ptd;
per_thread_data *alloc_ptd();
inline void set_ptd(per_thread_data *P) { ptd = P; }
inline per_thread_data *get_ptd(bool Alloc = true) {
  if (!ptd && Alloc)
    return alloc_ptd();
  return ptd;
}
} // namespace logging::internal
namespace logging {
void threadCleanup();
int mdc();
} // namespace logging
