// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | sed '/: note: alternative fix: /d' | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// A thread object that installs itself on the thread it starts: every spawn
// of the entry passes `this`, and the entry stores its argument in a key.
// The key is the thread's identity, not context: silent. When another spawn
// hands the same entry the spawner's value, the entry propagates context
// and the key stays context: reported.

#include <pthread.h>
#include <thread>

pthread_key_t self_key;
pthread_key_t relay_key;

class Worker {
public:
  void start() { pthread_create(&Thread, nullptr, entry, this); }
  static Worker *current() {
    return static_cast<Worker *>(pthread_getspecific(self_key));
  }

private:
  static void *entry(void *Self) {
    pthread_setspecific(self_key, Self);
    return nullptr;
  }
  pthread_t Thread;
};

class Relay {
public:
  void start() { pthread_create(&Thread, nullptr, entry, this); }
  void forward() {
    pthread_create(&Thread, nullptr, entry, pthread_getspecific(relay_key));
  }
  static Relay *current() {
    return static_cast<Relay *>(pthread_getspecific(relay_key));
  }

private:
  static void *entry(void *Value) {
    pthread_setspecific(relay_key, Value);
    return nullptr;
  }
  pthread_t Thread;
};

void uses() {
  std::thread([] { (void)Worker::current(); }).join();
  std::thread([] { (void)Relay::current(); }).join();
  // CHECK: :[[@LINE-1]]:3: warning: thread-specific data of key 'relay_key' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
  // CHECK: :[[@LINE-2]]:33: note: the lambda calls 'Relay::current' here
  // CHECK: :40:33: note: 'Relay::current' reads thread-specific data of key 'relay_key' here
  // CHECK: :[[@LINE-4]]:15: note: no fix-it: thread-specific data of key 'relay_key' has no scoped restore; read it with 'pthread_getspecific' here, pass it to the task and set it there with 'pthread_setspecific', putting the previous value back before the task returns
}

int main() {
  Worker W;
  W.start();
  Relay R;
  R.start();
  R.forward();
  uses();
}
