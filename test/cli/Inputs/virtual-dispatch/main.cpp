#include "relay.h"
#include <thread>

void serve() {
  user = "alice";
  relay().forward([] { (void)user.size(); });
  poster().post([] { (void)user.size(); });
  caller().invoke([] { (void)user.size(); });
  std::thread([] { sink().write(); }).detach();
  std::thread([] { wallClock().tick(); }).detach();
  std::thread([] { gauge().sample(); }).detach();
  std::thread([] { auditor().check(); }).detach();
}
