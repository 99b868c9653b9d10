//===--- logger.h - Request-tagged logging ----------------------*- C++ -*-===//
//
// Part of the ctxloss example service.
//
//===----------------------------------------------------------------------===//

#ifndef SHOP_LOGGER_H
#define SHOP_LOGGER_H

#include "request_context.h"
#include <string_view>

namespace shop {

/// Writes one line to the service log. Thread-safe.
void write_log_line(std::string_view level, std::string_view request,
                    std::string_view message);

/// Logs \p message tagged with the id of the current request, so that every
/// line a request causes can be found by its id.
inline void log_info(std::string_view message) {
  write_log_line("info", request_id, message);
}

inline void log_warning(std::string_view message) {
  write_log_line("warning", request_id, message);
}

} // namespace shop

#endif // SHOP_LOGGER_H
