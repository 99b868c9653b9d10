// The call chain of header-edit.test: log_event is defined here, handle only
// declared (a.cpp defines it). Both are in a header, so other translation
// units may call them: the explicit-parameter fix gives both a default
// argument.
#ifndef LOG_H
#define LOG_H

#include <ctxloss/annotations.h>
#include <string>

CTXLOSS_CONTEXT extern thread_local std::string request_id;

inline void log_event(const char *Msg) { (void)Msg, (void)request_id.size(); }
void handle(int Order);

#endif
