#pragma once

namespace timing {
struct Source {
  virtual long now() = 0;
};
extern thread_local Source *current_source;

// Installs itself over the source it saved, and puts that one back.
class ScopedCache : public Source {
public:
  ScopedCache();
  ~ScopedCache();
  long now() override { return cached_; }

private:
  Source *const previous_;
  long cached_ = 0;
};

long now();
} // namespace timing

struct Request;
extern thread_local Request *current_request;
// Installs itself without saving what was there: a current-request pointer.
struct Request {
  Request();
  int id = 0;
};
int request_id();
