#pragma once

void set_tenant(int T);
int tenant_of();

struct Task {
  virtual ~Task() = default;
  virtual void run() = 0;
};

struct Upload : Task {
  void run() override;
};

class Pool {
public:
  void submit(Task *T);
};
