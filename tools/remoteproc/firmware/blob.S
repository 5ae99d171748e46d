/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The data blob of the big test images: FW_BLOB_FILE, made by mkblob.
 */
	.section .data.fw_blob, "aw", @progbits
	.balign 64
	.globl fw_blob
fw_blob:
	.incbin FW_BLOB_FILE
	.globl fw_blob_end
fw_blob_end:

	.section .note.GNU-stack, "", @progbits
