#pragma once

// Records an audit event for the current request.
void audit(const char *What);
