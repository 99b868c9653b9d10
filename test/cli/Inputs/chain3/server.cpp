#include "context.h"
#include <chrono>
#include <functional>
#include <thread>

void audit(int Order);
void run_with_timeout(std::function<void()> Task,
                      std::chrono::milliseconds Timeout);

void charge(int Order) { audit(Order); }

void serve(int Order) {
  set_request("req-1");
  charge(Order);
  std::thread Charge([Order] { charge(Order); });
  Charge.join();
  std::thread Billing([] { (void)current_tenant(); });
  Billing.join();
  run_with_timeout([Order] { audit(Order); }, std::chrono::milliseconds(300));
  // Carried over: silent.
  std::thread Carried([Order, Id = request_id] {
    request_id = Id;
    charge(Order);
  });
  Carried.join();
}
