/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tests: loading firmware into local memory the way Linux does, and
 * finding the resources of a table some other loader put there.
 */
#ifndef FW_LOADER_H
#define FW_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * struct fw_info - a loaded image
 * @entry: its entry point (device address)
 * @load_end: device address just past its highest segment
 * @rsc_da: device address of the loaded resource table
 * @rsc_size: its size
 * @trace_da: device address of the first trace buffer, 0 if none
 * @trace_len: its length
 * @carveout_da: device address of the first carveout entry's body, 0 if none
 * @vdev_da: device address of the first vdev entry's body, 0 if none
 */
struct fw_info {
	uint64_t entry;
	uint64_t load_end;
	uint64_t rsc_da;
	uint32_t rsc_size;
	uint64_t trace_da;
	uint32_t trace_len;
	uint64_t carveout_da;
	uint64_t vdev_da;
};

int fw_load(unsigned char *local, uint64_t local_size, const char *path,
	    struct fw_info *info, char *err, size_t errlen);
int fw_parse_table(const unsigned char *local, uint64_t local_size,
		   uint64_t rsc_da, uint32_t rsc_size, struct fw_info *info);
int fw_assign_carveout(unsigned char *local, const struct fw_info *info,
		       uint32_t da, uint32_t *len);
void fw_read_trace(const unsigned char *local, const struct fw_info *info,
		   char *buf, size_t size);

#endif /* FW_LOADER_H */
