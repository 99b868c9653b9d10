#include <string>
extern thread_local std::string user;
void work() { (void)user.size(); }
