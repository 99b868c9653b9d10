#include "internal.h"
#include <thread>
namespace logging {
void start() {
  std::thread Cleaner([] { threadCleanup(); });
  Cleaner.join();
  std::thread Reader([] { mdc(); });
  Reader.join();
}
} // namespace logging
