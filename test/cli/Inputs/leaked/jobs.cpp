#include "tenant.h"

void leaks(WorkerPool &Pool, std::string T) {
  Pool.submit([T] { start_request(T); log_line("job"); });
}

void leaks_on_return(WorkerPool &Pool, std::string T, bool Skip) {
  Pool.submit([T, Skip] {
    set_tenant(T);
    if (Skip)
      return;
    log_line("job");
    clear_tenant();
  });
}

void cleared(WorkerPool &Pool, std::string T) {
  Pool.submit([T] {
    set_tenant(T);
    log_line("job");
    tenant.clear();
  });
}

void local(WorkerPool &Pool, std::string T) {
  Pool.submit([T] { tenant = T; log_line("job"); });
}

void cleared_on_both_paths(WorkerPool &Pool, std::string T, bool Skip) {
  Pool.submit([T, Skip] {
    set_tenant(T);
    if (Skip) {
      clear_tenant();
      return;
    }
    log_line("job");
    clear_tenant();
  });
}

void cleared_on_one_branch(WorkerPool &Pool, std::string T, bool Skip) {
  Pool.submit([T, Skip] {
    set_tenant(T);
    if (Skip)
      clear_tenant();
    else
      log_line("job");
  });
}

static void parse(const std::string &Body) {
  if (Body.empty())
    throw std::invalid_argument("empty body");
}

void cleared_unless_parse_throws(WorkerPool &Pool, std::string T) {
  Pool.submit([T] {
    set_tenant(T);
    parse(T);
    clear_tenant();
  });
}
