// RUN: %clang_tidy_plugin %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'
// RUN: %ctxloss_tidy %s --checks='-*,context-lost-in-task' -- -std=c++17 \
// RUN:   | FileCheck %s --implicit-check-not='{{^[^ ].*(warning|note|error):}}'

// Thread-local wrapper objects: each Poco::ThreadLocal, cv::TLSData or
// boost::thread_specific_ptr object is one context, also when reached through
// a static pointer and a function returning a reference to it (OpenCV's
// getCoreTlsData()), and through an accessor into its value (cv::theRNG()).
// get(), operator* and operator-> read, or write when assigned through;
// reset() writes. Boost's header is the real one; Poco's and OpenCV's API
// surface is declared with their real names. No copy-and-run fix: a note
// says how to carry the value.

#include <boost/thread/tss.hpp>
#include <string>
#include <thread>

// Poco's and OpenCV's wrappers, declared with their real names.
namespace Poco {
template <class C> class ThreadLocal {
public:
  C *operator->();
  C &operator*();
  C &get();
};
} // namespace Poco
namespace cv {
template <typename T> class TLSData {
public:
  T *get() const;
  T &getRef() const;
};
struct RNG {
  unsigned state = 1;
  unsigned next() { return state = state * 4164903690U + 1; }
};
struct CoreTLSData {
  RNG rng;
  int device = 0;
};
TLSData<CoreTLSData> &getCoreTlsData() {
  static TLSData<CoreTLSData> *instance = new TLSData<CoreTLSData>();
  return *instance;
}
RNG &theRNG() { return getCoreTlsData().get()->rng; }
void setRNGSeed(unsigned S) { theRNG() = RNG{S}; }
unsigned peekRNG() { return theRNG().state; }
void setDevice(int D) { getCoreTlsData().get()->device = D; }
int getDevice() { return getCoreTlsData().get()->device; }
} // namespace cv

struct NDC {
  std::string top;
};
Poco::ThreadLocal<NDC> ndc;
void push(const std::string &S) { ndc->top = S; }
std::string top() { return ndc->top; }

boost::thread_specific_ptr<std::string> tenant;
void set_tenant(const std::string &T) { tenant.reset(new std::string(T)); }
std::string current_tenant() { return tenant.get() ? *tenant : ""; }

void lost_poco() {
  std::thread T([] { top(); });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: per-thread value of 'ndc' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:22: note: the lambda calls 'top' here
// CHECK: :[[@LINE-12]]:28: note: 'top' reads per-thread value of 'ndc' here
// CHECK: :[[@LINE-6]]:17: note: no fix-it: the per-thread value of 'ndc' is held by a thread-local wrapper; take the value here, pass it to the task and set it there, putting the previous value back before the task returns
void lost_boost() {
  std::thread T([] { current_tenant(); });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: per-thread value of 'tenant' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:22: note: the lambda calls 'current_tenant' here
// CHECK: :[[@LINE-16]]:46: note: 'current_tenant' reads per-thread value of 'tenant' here
// CHECK: :[[@LINE-6]]:17: note: no fix-it: the per-thread value of 'tenant' is held by a thread-local wrapper; take the value here, pass it to the task and set it there, putting the previous value back before the task returns
void lost_opencv_device() {
  std::thread T([] { cv::getDevice(); });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: per-thread value of 'cv::getCoreTlsData::instance' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:26: note: the lambda calls 'cv::getDevice' here
// CHECK: :[[@LINE-36]]:43: note: 'cv::getDevice' reads per-thread value of 'cv::getCoreTlsData::instance' here
// CHECK: :[[@LINE-6]]:17: note: no fix-it: the per-thread value of 'cv::getCoreTlsData::instance' is held by a thread-local wrapper; take the value here, pass it to the task and set it there, putting the previous value back before the task returns
void opencv_rng_put_back() {
  std::thread T([Rng = cv::theRNG()] {
    cv::theRNG() = Rng;
    cv::theRNG().next();
  });
  T.join();
}
void opencv_rng_read() {
  std::thread T([] { cv::peekRNG(); });
  T.join();
}
// CHECK: :[[@LINE-3]]:15: warning: per-thread value of 'cv::getCoreTlsData::instance' is read in a task started by 'std::thread' but its value is not carried over from the spawning thread [context-lost-in-task]
// CHECK: :[[@LINE-4]]:26: note: the lambda calls 'cv::peekRNG' here
// CHECK: :[[@LINE-53]]:29: note: 'cv::peekRNG' reads per-thread value of 'cv::getCoreTlsData::instance' through 'cv::theRNG' here
// CHECK: :[[@LINE-6]]:17: note: no fix-it: the per-thread value of 'cv::getCoreTlsData::instance' is held by a thread-local wrapper; take the value here, pass it to the task and set it there, putting the previous value back before the task returns
// A per-thread buffer created on first use.
boost::thread_specific_ptr<std::string> scratch;
std::string &buffer() {
  if (!scratch.get())
    scratch.reset(new std::string);
  return *scratch;
}
void lazy_buffer() {
  std::thread T([] { buffer(); });
  T.join();
}
