#include <functional>
#include <stdexcept>
#include <string>

extern thread_local std::string tenant;

class WorkerPool {
public:
  void submit(std::function<void()> Task);
};

void set_tenant(const std::string &T);
void start_request(const std::string &T);
void clear_tenant();
void log_line(const char *Message);
