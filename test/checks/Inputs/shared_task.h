// A task base class a header declares: any file may derive from it.
#ifndef SHARED_TASK_H
#define SHARED_TASK_H

class SharedTask {
public:
  virtual ~SharedTask() = default;
  virtual void run() = 0;
};

#endif
