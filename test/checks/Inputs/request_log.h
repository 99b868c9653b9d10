// A logging header: the read happens in an inline function defined here.
#ifndef REQUEST_LOG_H
#define REQUEST_LOG_H

#include <string>

namespace svc {

extern thread_local std::string current_user;

inline void set_user(const std::string &User) { current_user = User; }

inline void audit(const char *What) {
  (void)What;
  (void)current_user.size();
}

template <typename T> void audit_value(const T &) { audit("value"); }

} // namespace svc

#endif
