//===--- services.h - Clients of the services an order touches --*- C++ -*-===//
//
// Part of the ctxloss example service.
//
//===----------------------------------------------------------------------===//
//
// Stand-ins for the inventory, fraud-scoring and audit clients. Like real
// clients they log what they do, so each of them reads the request id.
//
//===----------------------------------------------------------------------===//

#ifndef SHOP_SERVICES_H
#define SHOP_SERVICES_H

#include "logger.h"
#include <random>
#include <string>

namespace shop {

struct Order {
  std::string id;
  std::string sku;
  int quantity = 0;
  long amount_cents = 0;
};

/// Holds stock for \p order in the warehouse.
inline bool reserve_stock(const Order &order) {
  log_info("reserving " + std::to_string(order.quantity) + " x " + order.sku);
  return order.quantity <= 10;
}

/// Asks the fraud service how risky \p order is (0-100). It can be slow.
inline int score_fraud(const Order &order) {
  // A per-thread generator: a thread-local used only here is a cache, not
  // context, so reading it on another thread is fine.
  thread_local std::minstd_rand jitter(42);
  int score = static_cast<int>(order.amount_cents / 10000 + jitter() % 10);
  log_info("fraud score " + std::to_string(score) + " for order " + order.id);
  return score;
}

/// Sends \p body to another service (a stand-in for an HTTP client).
inline void send_request(const std::string &service, const std::string &headers,
                         const std::string &body) {
  log_info("call " + service + " [" + headers + "] " + body);
}

/// Appends \p event for \p order to the audit trail.
inline void write_audit_record(const Order &order, const std::string &event) {
  log_info("audit: order " + order.id + " " + event);
}

} // namespace shop

#endif // SHOP_SERVICES_H
