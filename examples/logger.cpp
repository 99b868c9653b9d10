//===--- logger.cpp - Request-tagged logging ------------------------------===//
//
// Part of the ctxloss example service.
//
//===----------------------------------------------------------------------===//

#include "logger.h"
#include <iostream>
#include <mutex>

namespace shop {

void write_log_line(std::string_view level, std::string_view request,
                    std::string_view message) {
  static std::mutex log_mutex;
  std::lock_guard<std::mutex> lock(log_mutex);
  // An empty request id is the symptom of the bugs ctxloss finds.
  std::clog << "[request " << (request.empty() ? "<none>" : request) << "] "
            << level << ": " << message << '\n';
}

} // namespace shop
