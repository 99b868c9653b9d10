#include "context.h"
#include "helpers.h"
#include <cstdio>

void handle(const std::string &Id) {
  begin_request(Id);
  run_later([] { std::printf("%s\n", current_request_id.c_str()); });
  run_later([rid = current_request_id] {
    begin_request(rid);
    std::printf("%s\n", current_request_id.c_str());
  });
}
