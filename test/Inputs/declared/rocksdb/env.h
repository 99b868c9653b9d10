// Declared API surface of RocksDB's Env (include/rocksdb/env.h): background
// work scheduling only.
#pragma once

namespace rocksdb {

class Env {
public:
  enum Priority { BOTTOM, LOW, HIGH, USER, TOTAL };
  virtual ~Env();
  static Env *Default();
  virtual void Schedule(void (*function)(void *arg), void *arg,
                        Priority pri = LOW, void *tag = nullptr,
                        void (*unschedFunction)(void *arg) = nullptr) = 0;
};

} // namespace rocksdb
