//===--- handlers.h - The order service's request handlers ------*- C++ -*-===//
//
// Part of the ctxloss example service.
//
//===----------------------------------------------------------------------===//

#ifndef SHOP_HANDLERS_H
#define SHOP_HANDLERS_H

#include "services.h"
#include <string>

namespace shop {

struct Request {
  std::string id; ///< The X-Request-Id header.
  Order body;
};

struct Response {
  int status = 200;
  std::string body;
};

Response place_order(const Request &request);
Response cancel_order(const Request &request);

} // namespace shop

#endif // SHOP_HANDLERS_H
