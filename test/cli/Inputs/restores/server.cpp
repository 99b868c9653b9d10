#include "context.h"
#include <thread>

void serve() {
  std::thread A([] {
    install_default();
    log_current();
  });
  std::thread B([rid = current_request_id] {
    note_request(rid);
    log_current();
  });
  std::thread C([rid = current_request_id] {
    adopt_request(rid);
    log_current();
  });
  std::thread D([rid = current_request_id] {
    adopt_unknown(rid);
    log_current();
  });
  A.join();
  B.join();
  C.join();
  D.join();
}
