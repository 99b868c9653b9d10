// A one-file service for the installed tools: the logger reads the request
// id that the handler sets, from a thread the handler starts.
#include <cstdio>
#include <string>
#include <thread>

thread_local std::string request_id;

void log_line(const char *msg) {
  std::printf("[%s] %s\n", request_id.c_str(), msg);
}

void handle(const std::string &id) {
  request_id = id;
  std::thread audit([] { log_line("audited"); });
  audit.join();
}
