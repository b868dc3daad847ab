#ifndef TECHLADDER_CLIBXML2_SUPPORT_H
#define TECHLADDER_CLIBXML2_SUPPORT_H
#include <stddef.h>

/// Routes libxml2's generic (printf-style) error channel, which otherwise writes to stderr, into a
/// per-thread buffer. Swift cannot define the variadic callback itself.
void techladder_capture_generic_errors(void);

/// The generic messages captured on this thread since the last clear (empty string when none).
const char *techladder_generic_errors(void);

/// Forgets the captured messages of this thread.
void techladder_clear_generic_errors(void);

/// Asks the CPU to bring the cache line at `address` in for writing, without waiting for it (a hint:
/// never faults, whatever the address). Swift has no spelling for this.
static inline void techladder_prefetch(const void *address) { __builtin_prefetch(address, 1, 3); }
#endif
