// Per-thread registration, as RocksDB's ThreadStatusUtil does it.
void register_thread(int Type);
void unregister_thread();
int current_type();
