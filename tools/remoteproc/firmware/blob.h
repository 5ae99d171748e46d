/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The data blob of the big test images (rproc-emu-1m.elf, -16m.elf).
 */
#ifndef FW_BLOB_H
#define FW_BLOB_H

#include <fw/trace.h>

void fw_blob_report(struct fw_trace *t);

#endif /* FW_BLOB_H */
