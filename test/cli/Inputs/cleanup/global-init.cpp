#include "internal.h"
namespace logging::internal {
thread_local per_thread_data *ptd = nullptr;
per_thread_data *alloc_ptd() {
  auto *Tmp = new per_thread_data;
  set_ptd(Tmp);
  return Tmp;
}
} // namespace logging::internal
namespace logging {
// The thread frees its own data: it keeps the pointer aside, then resets it.
void threadCleanup() {
  internal::per_thread_data *Data = internal::get_ptd(false);
  delete Data;
  internal::set_ptd(nullptr);
}
int mdc() { return internal::get_ptd()->mdc; }
} // namespace logging
