#include "context.h"

void authenticate(const std::string &Token) {
  set_tenant(lookup_tenant(Token));
}
