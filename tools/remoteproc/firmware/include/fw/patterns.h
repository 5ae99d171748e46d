/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Data patterns of the test firmware, shared with the host tools that
 * generate or check them.  Plain C: usable in firmware and on the host.
 */
#ifndef FW_PATTERNS_H
#define FW_PATTERNS_H

#include <stdint.h>

/** FW_BLOB_SEED - first state of the blob's generator */
#define FW_BLOB_SEED	0x2545f491u

/**
 * fw_blob_next() - next 32-bit word of a blob (xorshift32, never zero)
 * @x: the previous word, or %FW_BLOB_SEED for the first
 *
 * Return: the word, stored little-endian in the blob.
 */
static inline uint32_t fw_blob_next(uint32_t x)
{
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}

/**
 * fw_carveout_word() - what the default firmware writes into its carveout
 * @i: index of the 32-bit word in the carveout
 *
 * Return: the word.
 */
static inline uint32_t fw_carveout_word(uint32_t i)
{
	return 0xa5a5a5a5u ^ (i * 0x9e3779b9u);
}

#endif /* FW_PATTERNS_H */
