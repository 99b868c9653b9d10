// Declared API surface of folly/io/async/Request.h (see ../../../README.md).
#pragma once
#include <functional>
#include <memory>
#include <string>

namespace folly {
class RequestData {
public:
  virtual ~RequestData();
};

class RequestContext {
public:
  static RequestContext *get();
  static RequestContext *try_get();
  static std::shared_ptr<RequestContext> saveContext();
  static std::shared_ptr<RequestContext>
  setContext(std::shared_ptr<RequestContext> const &ctx);
  static std::shared_ptr<RequestContext> setContext(
      std::shared_ptr<RequestContext> &&ctx);
  RequestData *getContextData(const std::string &val);
};

class RequestContextScopeGuard {
public:
  RequestContextScopeGuard();
  explicit RequestContextScopeGuard(std::shared_ptr<RequestContext> &&ctx);
  explicit RequestContextScopeGuard(
      std::shared_ptr<RequestContext> const &ctx);
  ~RequestContextScopeGuard();
};

} // namespace folly
