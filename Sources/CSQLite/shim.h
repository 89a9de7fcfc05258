#ifndef PARTNERSHIPS_CSQLITE_SHIM_H
#define PARTNERSHIPS_CSQLITE_SHIM_H

#if defined(__has_include) && !__has_include(<sqlite3.h>)
#error "sqlite3.h not found: install SQLite's development files (Debian, Ubuntu: apt-get install libsqlite3-dev)"
#endif
#include <sqlite3.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

// sqlite3_db_config is variadic, which Swift cannot call; this fixes the
// (int, int*) form used by the boolean options such as SQLITE_DBCONFIG_DQS_DML.
static inline int partnerships_db_config_bool(sqlite3 *db, int op, int enable, int *current) {
    return sqlite3_db_config(db, op, enable, current);
}

// SQLITE_TRANSIENT is a macro that casts -1 to a function pointer, which
// Swift does not import.
static inline sqlite3_destructor_type partnerships_transient(void) {
    return SQLITE_TRANSIENT;
}

// sqlite3_config is variadic too. Turns off SQLite's memory statistics,
// which take one process-wide mutex on every allocation: with several
// connections reading on several threads (the audit), they queue on it.
// Only possible before SQLite initializes; returns SQLITE_MISUSE after.
static inline int partnerships_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

// Hands the C heap's free memory back to the system. The page cache's
// pages are allocated with malloc, one by one; once SQLite frees them, glibc
// keeps them in its heap (and in the process's resident memory) unless
// asked. Not an SQLite call, but it is SQLite's memory that it releases.
static inline void partnerships_release_free_heap(void) {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

#endif
