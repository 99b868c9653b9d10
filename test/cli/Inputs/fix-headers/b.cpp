#include <string>
#include <thread>
thread_local std::string user;
void work();
void serve() {
  user = "x";
  std::thread(work).detach();
}
