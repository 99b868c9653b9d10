//===--- handlers.cpp - The order service's request handlers --------------===//
//
// Part of the ctxloss example service.
//
// Each handler runs on a server thread and first makes the request's id the
// thread's current one. Work it hands to other threads must carry the id
// over; three places here forget to.
//
//===----------------------------------------------------------------------===//

#include "handlers.h"
#include "ctxloss/context.h"
#include "logger.h"
#include "request_context.h"
#include "services.h"
#include <chrono>
#include <future>
#include <thread>

namespace shop {

/// The headers of a call to another service: they pass the request id on, so
/// that one request can be followed across services.
static std::string outgoing_headers() { return "X-Request-Id: " + request_id; }

static void notify_warehouse(const Order &order, const std::string &event) {
  send_request("warehouse", outgoing_headers(), event + " " + order.id);
}

Response place_order(const Request &request) {
  ctxloss::scoped_value scope(request_id, request.id);
  const Order &order = request.body;
  log_info("placing order " + order.id);

  // Reserve stock while the fraud check runs.
  // BUG: reserve_stock() logs from the new thread, where request_id is empty.
  bool reserved = false;
  std::thread reserve([&order, &reserved] { reserved = reserve_stock(order); });

  // The fraud service is slow: give it 200 ms, then accept the order and
  // leave it to a later review.
  // BUG: score_fraud() logs from the async task with an empty request_id.
  std::future<int> score = std::async(std::launch::async, score_fraud, order);
  bool fraud = false;
  if (score.wait_for(std::chrono::milliseconds(200)) ==
      std::future_status::ready)
    fraud = score.get() > 80;
  else
    log_warning("fraud check timed out, accepting order for review");

  reserve.join();
  if (fraud || !reserved)
    return {409, "order " + order.id + " refused"};

  // Correct: the task captures the request id and restores it for its
  // duration, so the audit record is tagged with the right request.
  std::thread audit([order, id = request_id] {
    ctxloss::scoped_value restore(request_id, id);
    write_audit_record(order, "placed");
  });
  audit.join();
  return {201, "order " + order.id + " placed"};
}

Response cancel_order(const Request &request) {
  ctxloss::scoped_value scope(request_id, request.id);
  const Order &order = request.body;

  // Tell the warehouse while the audit record is written.
  // BUG: the call to the warehouse carries an empty X-Request-Id.
  std::thread notify([&order] { notify_warehouse(order, "cancel"); });

  // Called directly, on the request's own thread: the id is there.
  write_audit_record(order, "cancelled");
  notify.join();
  return {200, "order " + order.id + " cancelled"};
}

} // namespace shop
