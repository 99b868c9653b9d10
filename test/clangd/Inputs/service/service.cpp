#include "audit.h"
#include "context.h"
#include <thread>

void handle(const std::string &Id) {
  begin_request(Id);
  std::thread Logger([] { log_line("start"); });
  std::thread Auditor([] { audit("refund"); });
  std::thread Worker([rid = current_request_id] {
    begin_request(rid);
    log_line("work");
    audit("work");
  });
  Logger.join();
  Auditor.join();
  Worker.join();
}
