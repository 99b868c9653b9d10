#include "context.h"
#include <future>
#include <thread>

void handle(const std::string &Token) {
  std::thread Auth([Token] { authenticate(Token); });
  Auth.join();
  audit_event("authenticated");
}

void handle_returned(const std::string &Token) {
  auto Auth = std::async(std::launch::async,
                         [Token] { return lookup_tenant(Token); });
  set_tenant(Auth.get());
  audit_event("authenticated");
}

void handle_before(const std::string &Token) {
  std::thread Auth([Token] { authenticate(Token); });
  audit_event("authenticating");
  Auth.join();
}
