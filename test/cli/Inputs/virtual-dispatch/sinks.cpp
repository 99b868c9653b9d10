#include "relay.h"

thread_local std::string user;

// The only Sink: reads the context.
struct FileSink : Sink {
  void write() override { (void)user.size(); }
};
Sink &sink() {
  static FileSink S;
  return S;
}

// Two Clocks that both read it: which one runs is not guessed.
struct SystemClock : Clock {
  void tick() override { (void)user.size(); }
};
struct FakeClock : Clock {
  void tick() override { (void)user.size(); }
};
Clock &wallClock() {
  static SystemClock C;
  return C;
}

// Gauge::sample runs whenever a Gauge is sampled: nothing overrides it.
void Gauge::sample() { (void)user.size(); }
Gauge &gauge() {
  static Gauge G;
  return G;
}

// Auditor::check or its override may run: which one is not guessed.
void Auditor::check() { (void)user.size(); }
struct StrictAuditor : Auditor {
  void check() override { (void)user.size(); }
};
Auditor &auditor() {
  static StrictAuditor A;
  return A;
}
