#pragma once
#include <functional>
#include <string>

extern thread_local std::string tenant;
void set_tenant(const std::string &Tenant);
void audit_event(const char *What);
std::string lookup_tenant(const std::string &Token);

// pool.cpp: run a callable on a worker thread.
void run_in_threadpool(std::function<void()> Fn);
void run_maybe(std::function<void()> Fn, bool Block);
