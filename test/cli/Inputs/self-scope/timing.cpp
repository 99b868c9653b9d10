#include "timing.h"

namespace timing {
struct SystemSource : Source {
  long now() override { return 0; }
};
static SystemSource system_source;
thread_local Source *current_source = &system_source;

ScopedCache::ScopedCache() : previous_(current_source) {
  current_source = this;
}
ScopedCache::~ScopedCache() { current_source = previous_; }

long now() { return current_source->now(); }
} // namespace timing

thread_local Request *current_request = nullptr;
Request::Request() { current_request = this; }
int request_id() { return current_request ? current_request->id : 0; }
