//===--- request_context.h - The current request ----------------*- C++ -*-===//
//
// Part of the ctxloss example service.
//
//===----------------------------------------------------------------------===//
//
// The id of the request the current thread is serving. The request handlers
// set it on entry (from the X-Request-Id header); the logger, and through it
// every client the service calls, reads it. It is thread-local, so a thread
// started while serving a request begins with an empty request id.
//
// It is not annotated: ctxloss infers that it carries context because it is
// set in one function and read in another. To be explicit (or to check code
// that only reads it), write `CTXLOSS_CONTEXT` from <ctxloss/annotations.h>
// in front of it, or name it in the check's ContextVariables option.
//
//===----------------------------------------------------------------------===//

#ifndef SHOP_REQUEST_CONTEXT_H
#define SHOP_REQUEST_CONTEXT_H

#include <string>

namespace shop {

inline thread_local std::string request_id;

} // namespace shop

#endif // SHOP_REQUEST_CONTEXT_H
