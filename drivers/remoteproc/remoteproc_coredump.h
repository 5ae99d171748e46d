/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Remote processor framework: what remoteproc_coredump.c offers besides the
 * declarations in remoteproc_internal.h: the "coredump" setting, for sysfs,
 * and the parts that do not need a device, for its KUnit test.  See
 * "coredump file format" in remoteproc_coredump.c.
 */
#ifndef REMOTEPROC_COREDUMP_H
#define REMOTEPROC_COREDUMP_H

#include <linux/list.h>
#include <linux/types.h>

struct rproc;
struct rproc_dump_class;

/* Owner of the notes of a coredump, and their types. */
#define RPROC_DUMP_NOTE_OWNER		"REMOTEPROC"
#define RPROC_DUMP_NOTE_FIRMWARE	1
#define RPROC_DUMP_NOTE_REMOTE		2

/* Bytes of a segment that cannot be read are dumped as this. */
#define RPROC_DUMP_FILL			0xff

/**
 * struct rproc_dump_info - what identifies a dump
 * @class: %ELFCLASS32 or %ELFCLASS64
 * @machine: e_machine
 * @remote: name of the remote, for the %RPROC_DUMP_NOTE_REMOTE note
 * @firmware: firmware file name, for the %RPROC_DUMP_NOTE_FIRMWARE note
 */
struct rproc_dump_info {
	u8 class;
	u16 machine;
	const char *remote;
	const char *firmware;
};

/**
 * struct rproc_dump_layout - where each part of a dump file goes
 * @info: the identity of the dump
 * @elf: the header writers of @info.class
 * @segments: the segments, a list of &struct rproc_dump_segment
 * @phnum: number of program headers: the note's, then one per segment
 * @phoff: file offset of the program headers
 * @note_off: file offset of the notes
 * @note_size: size of the notes
 * @data_off: file offset of the first segment's data: the size of all
 *	      headers and notes
 * @size: size of the whole file
 *
 * The file offset of each segment's data is in &rproc_dump_segment.offset.
 */
struct rproc_dump_layout {
	struct rproc_dump_info info;
	const struct rproc_dump_class *elf;
	struct list_head *segments;
	u16 phnum;
	size_t phoff;
	size_t note_off;
	size_t note_size;
	size_t data_off;
	u64 size;
};

/* The "coredump" attribute. */
const char *rproc_coredump_conf_show(struct rproc *rproc);
int rproc_coredump_conf_store(struct rproc *rproc, const char *buf);

/* Building dump files. */
void rproc_dump_get_info(const struct rproc *rproc,
			 struct rproc_dump_info *info);
int rproc_dump_plan(struct rproc_dump_layout *layout,
		    const struct rproc_dump_info *info,
		    struct list_head *segments);
void rproc_dump_write_headers(const struct rproc_dump_layout *layout,
			      void *buf);
size_t rproc_dump_read(struct rproc *rproc,
		       const struct rproc_dump_layout *layout,
		       const void *headers, void *dst, u64 offset,
		       size_t count);
/* The segments' part of rproc_dump_read(): @offset at least data_off. */
size_t rproc_dump_read_data(struct rproc *rproc,
			    const struct rproc_dump_layout *layout,
			    void *dst, u64 offset, size_t count);

#endif /* REMOTEPROC_COREDUMP_H */
