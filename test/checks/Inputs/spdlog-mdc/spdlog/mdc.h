// The API surface of spdlog's <spdlog/mdc.h> as of spdlog 1.15, which
// Debian's spdlog 1.10 predates: the same names and signatures, bodies left
// out. Tests put this directory on -isystem so that it is an installed
// header next to the real spdlog ones.

#pragma once

#if defined(SPDLOG_NO_TLS)
#error "This header requires thread local storage support, but SPDLOG_NO_TLS is defined."
#endif

#include <map>
#include <string>

#include <spdlog/common.h>

// MDC is a map of key->string values in thread local storage whose content
// loggers print (pattern flag `%&`).
namespace spdlog {
class SPDLOG_API mdc {
public:
    using mdc_map_t = std::map<std::string, std::string>;

    static void put(const std::string &key, const std::string &value);

    static std::string get(const std::string &key);

    static void remove(const std::string &key);

    static void clear();

    static mdc_map_t &get_context();
};
} // namespace spdlog
