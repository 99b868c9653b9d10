#include "context.h"

void handle(const std::string &Token) {
  run_in_threadpool([Token] { set_tenant(lookup_tenant(Token)); });
  audit_event("authenticated");
}

void handle_maybe(const std::string &Token, bool Block) {
  run_maybe([Token] { set_tenant(lookup_tenant(Token)); }, Block);
  audit_event("authenticated");
}

void handle_before(const std::string &Token) {
  audit_event("authenticating");
  run_in_threadpool([Token] { set_tenant(lookup_tenant(Token)); });
}
