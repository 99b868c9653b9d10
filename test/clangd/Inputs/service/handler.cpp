#include "context.h"
#include <thread>

void process(const std::string &Id) {
  begin_request(Id);
  std::thread Worker([rid = current_request_id] {
    begin_request(rid);
    std::printf("%s\n", current_request_id.c_str());
  });
  std::thread Bare([] { std::printf("%s\n", current_request_id.c_str()); });
  Worker.join();
  Bare.join();
}
