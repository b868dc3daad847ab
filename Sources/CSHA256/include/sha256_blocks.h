#ifndef CSHA256_SHA256_BLOCKS_H
#define CSHA256_SHA256_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA extensions (x86-64 SHA-NI with SSSE3 and SSE4.1), else 0.
int sha256_blocks_available(void);

/// Runs SHA-256's compression over `blocks` 64-byte blocks at `data`, updating `state` (eight words,
/// a..h). Call only when sha256_blocks_available() returned 1.
void sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
