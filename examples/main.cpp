//===--- main.cpp - Serve a few requests ----------------------------------===//
//
// Part of the ctxloss example service.
//
// Runs the handlers on two requests so the effect of the bugs can be seen in
// the log: the lines written by the spawned tasks have no request id.
//
//===----------------------------------------------------------------------===//

#include "handlers.h"
#include <iostream>

int main() {
  shop::Request place{"req-1001", {"o-17", "sku-cup", 2, 2400}};
  shop::Request cancel{"req-1002", {"o-17", "sku-cup", 2, 2400}};
  for (const shop::Response &response :
       {shop::place_order(place), shop::cancel_order(cancel)})
    std::clog << "response " << response.status << ' ' << response.body << '\n';
  return 0;
}
