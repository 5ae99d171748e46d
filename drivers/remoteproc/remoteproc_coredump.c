// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: ELF core dumps of a crashed remote.
 *
 * While a remote boots, the loader, the carveout code and the platform
 * driver record the memory regions worth keeping (dump segments).  When it
 * crashes, the crash path calls rproc_coredump(), which turns them into an
 * ELF core file and hands that to devcoredump, where user space finds it
 * as /sys/class/devcoredump/devcdN/data.
 */

#include <linux/device.h>
#include <linux/elf.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/remoteproc.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "remoteproc_internal.h"
#include "remoteproc_coredump.h"

/**
 * DOC: coredump file format
 *
 * A dump is an ELF core file (%ET_CORE) in the host's byte order, of the
 * class and machine the platform driver gave rproc_coredump_set_elf_info().
 * A remote whose driver never called it is dumped as ELF64, machine
 * %EM_NONE.  The file holds, in this order and without gaps:
 *
 * - the ELF header;
 * - the program headers: one %PT_NOTE, then one %PT_LOAD per dump segment in
 *   the order the segments were added, with p_vaddr and p_paddr the device
 *   address of the segment, p_filesz and p_memsz its size, and all of
 *   %PF_R, %PF_W and %PF_X set;
 * - the notes;
 * - the contents of the segments.
 *
 * There are two notes, both owned by "REMOTEPROC".  The descriptor of the
 * one of type 1 is the name of the firmware file the remote ran, the
 * descriptor of the one of type 2 is the name of the remote; both are
 * NUL-terminated.  As in any ELF file, each name and descriptor is padded
 * to a multiple of four bytes.
 *
 * The content of a segment comes from its &rproc_dump_segment.dump callback
 * if it has one, otherwise from the memory its device address translates to
 * (rproc_da_to_va()).  Memory that does not translate is dumped as bytes of
 * 0xff; that is logged, but still gives a dump.
 *
 * &rproc.dump_conf, the "coredump" attribute in sysfs, chooses how:
 *
 * - %RPROC_COREDUMP_DISABLED: no dump.
 * - %RPROC_COREDUMP_ENABLED: the file is built in memory, at most
 *   %RPROC_DUMP_COPY_MAX bytes of it, and the crash handling goes on at once.
 *   devcoredump frees the copy when user space writes to the data file, or
 *   after its timeout (five minutes).
 * - %RPROC_COREDUMP_INLINE: nothing is copied.  User space reads the headers
 *   and the remote's memory itself through the data file, so the crash
 *   handling - recovery included, and everything else that takes
 *   &rproc.lock - waits until the dump is gone: until user space writes to
 *   the data file, or until the timeout.  Removing the remote (rproc_del(),
 *   e.g. when its driver is unbound) does not wait for user space: the
 *   dump is abandoned, and its data file reads as empty from then on.
 *
 * devcoredump keeps one dump per device: while an earlier dump of the remote
 * is still there, or still being removed, a new crash gives none (logged).
 */

/* ---------------------------------------------------------------------- */
/* The segment list                                                       */
/* ---------------------------------------------------------------------- */

/* The type of &rproc_dump_segment.dump. */
typedef void (*rproc_dump_fn_t)(struct rproc *rproc,
				struct rproc_dump_segment *segment,
				void *dest, size_t offset, size_t size);

static bool rproc_dump_has_segment(struct rproc *rproc, dma_addr_t da,
				   size_t size, rproc_dump_fn_t dumpfn,
				   void *priv)
{
	struct rproc_dump_segment *seg;

	list_for_each_entry(seg, &rproc->dump_segments, node) {
		if (seg->da == da && seg->size == size && seg->dump == dumpfn &&
		    seg->priv == priv)
			return true;
	}
	return false;
}

static int rproc_dump_new_segment(struct rproc *rproc, dma_addr_t da,
				  size_t size, rproc_dump_fn_t dumpfn,
				  void *priv)
{
	struct rproc_dump_segment *seg;

	seg = kzalloc(sizeof(*seg), GFP_KERNEL);
	if (!seg)
		return -ENOMEM;

	seg->da = da;
	seg->size = size;
	seg->dump = dumpfn;
	seg->priv = priv;
	list_add_tail(&seg->node, &rproc->dump_segments);
	return 0;
}

/**
 * rproc_coredump_add_custom_segment() - add a segment with its own reader
 * @rproc: the remote processor
 * @da: device address of the segment
 * @size: size of the segment in bytes
 * @dumpfn: optional; copies @size bytes, starting @offset bytes into the
 *	    segment, to @dest.  Called with &rproc.lock held, possibly in
 *	    pieces.  NULL reads the memory @da translates to.
 * @priv: for @dumpfn, found in &rproc_dump_segment.priv
 *
 * For platform drivers, during a boot (e.g. from &rproc_ops.load): the
 * segment is part of every dump until the resources of the boot are
 * released, when the remote is stopped or recovered or its boot fails.
 * Adding a segment that is already there, same address, size, @dumpfn and
 * @priv, does nothing.
 *
 * Context: process context, may sleep.  &rproc.lock held, as it is in the
 * loader and &rproc_ops.prepare operations during a boot.
 * Return: 0; -EINVAL when [@da, @da + @size) wraps around; -ENOMEM.
 */
int rproc_coredump_add_custom_segment(struct rproc *rproc,
				      dma_addr_t da, size_t size,
				      void (*dumpfn)(struct rproc *rproc,
						     struct rproc_dump_segment *segment,
						     void *dest, size_t offset,
						     size_t size),
				      void *priv)
{
	u64 end;

	if (check_add_overflow((u64)da, (u64)size, &end))
		return -EINVAL;
	if (rproc_dump_has_segment(rproc, da, size, dumpfn, priv))
		return 0;
	return rproc_dump_new_segment(rproc, da, size, dumpfn, priv);
}
EXPORT_SYMBOL_GPL(rproc_coredump_add_custom_segment);

/**
 * rproc_coredump_append_segment() - add a segment without looking for it
 * @rproc: the remote processor
 * @da: device address of the region
 * @size: size of the region in bytes
 *
 * rproc_coredump_add_segment() for callers that know the segment is new,
 * such as the ELF loader, whose segments never overlap: adding n segments
 * costs O(n), not O(n^2).
 *
 * Context: as rproc_coredump_add_segment().
 * Return: 0; -EINVAL when [@da, @da + @size) wraps around; -ENOMEM.
 */
int rproc_coredump_append_segment(struct rproc *rproc, dma_addr_t da,
				  size_t size)
{
	u64 end;

	if (check_add_overflow((u64)da, (u64)size, &end))
		return -EINVAL;
	return rproc_dump_new_segment(rproc, da, size, NULL, NULL);
}

/**
 * rproc_coredump_add_segment() - add a memory region to the dumps
 * @rproc: the remote processor
 * @da: device address of the region
 * @size: size of the region in bytes
 *
 * rproc_coredump_add_custom_segment() without a reader of its own: the
 * dump reads the memory @da translates to.
 *
 * Context: process context, may sleep.  &rproc.lock held, as it is in the
 * loader and &rproc_ops.prepare operations during a boot.
 * Return: 0; -EINVAL when [@da, @da + @size) wraps around; -ENOMEM.
 */
int rproc_coredump_add_segment(struct rproc *rproc, dma_addr_t da,
			       size_t size)
{
	return rproc_coredump_add_custom_segment(rproc, da, size, NULL, NULL);
}
EXPORT_SYMBOL_GPL(rproc_coredump_add_segment);

/**
 * rproc_coredump_cleanup() - forget every dump segment
 * @rproc: the remote processor
 *
 * Context: process context, &rproc.lock held (or nobody else using
 * @rproc); not while rproc_coredump() runs.
 */
void rproc_coredump_cleanup(struct rproc *rproc)
{
	struct rproc_dump_segment *seg, *next;

	list_for_each_entry_safe(seg, next, &rproc->dump_segments, node) {
		list_del(&seg->node);
		kfree(seg);
	}
}

/**
 * rproc_coredump_set_elf_info() - set the ELF class and machine of dumps
 * @rproc: the remote processor
 * @class: %ELFCLASS32 or %ELFCLASS64
 * @machine: e_machine of the remote, e.g. %EM_X86_64
 *
 * Without this call dumps are ELF64 files for machine %EM_NONE.
 *
 * Context: process context, before the remote can crash (usually between
 * rproc_alloc() and rproc_add()).
 * Return: 0, or -EINVAL for another @class.
 */
int rproc_coredump_set_elf_info(struct rproc *rproc, u8 class, u16 machine)
{
	if (class != ELFCLASS32 && class != ELFCLASS64)
		return -EINVAL;

	rproc->elf_class = class;
	rproc->elf_machine = machine;
	return 0;
}
EXPORT_SYMBOL_GPL(rproc_coredump_set_elf_info);

/* ---------------------------------------------------------------------- */
/* The "coredump" attribute                                               */
/* ---------------------------------------------------------------------- */

/* What user space writes and reads for each &enum rproc_dump_mechanism. */
static const struct {
	const char *word;
	enum rproc_dump_mechanism conf;
} rproc_dump_confs[] = {
	{ "disabled", RPROC_COREDUMP_DISABLED },
	{ "enabled", RPROC_COREDUMP_ENABLED },
	{ "inline", RPROC_COREDUMP_INLINE },
};

/**
 * rproc_coredump_conf_show() - the name of the dump mechanism of @rproc
 * @rproc: the remote processor
 *
 * Context: any context.
 * Return: "disabled", "enabled" or "inline", without a newline.
 */
const char *rproc_coredump_conf_show(struct rproc *rproc)
{
	enum rproc_dump_mechanism conf = READ_ONCE(rproc->dump_conf);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rproc_dump_confs); i++) {
		if (rproc_dump_confs[i].conf == conf)
			return rproc_dump_confs[i].word;
	}
	return "invalid";
}

/**
 * rproc_coredump_conf_store() - choose the dump mechanism of @rproc
 * @rproc: the remote processor
 * @buf: "disabled", "enabled" or "inline", with an optional trailing
 *	 newline
 *
 * As in Linux 6.1 the setting cannot change while the remote is crashed,
 * i.e. between a crash and its recovery or the remote's stop, whatever is
 * written.  The lock is not taken: with an inline dump the crash handling
 * holds it until user space removes the dump, and the dump reads the
 * setting once, when it starts.
 *
 * Context: any context.
 * Return: 0; -EBUSY while the remote is crashed; -EINVAL for another word.
 */
int rproc_coredump_conf_store(struct rproc *rproc, const char *buf)
{
	unsigned int i;

	if (READ_ONCE(rproc->state) == RPROC_CRASHED)
		return -EBUSY;

	for (i = 0; i < ARRAY_SIZE(rproc_dump_confs); i++) {
		if (sysfs_streq(buf, rproc_dump_confs[i].word)) {
			WRITE_ONCE(rproc->dump_conf, rproc_dump_confs[i].conf);
			return 0;
		}
	}
	return -EINVAL;
}

/* ---------------------------------------------------------------------- */
/* ELF headers, one writer per class                                      */
/* ---------------------------------------------------------------------- */

/**
 * struct rproc_dump_phdr - a program header, whatever the class
 * @type: p_type
 * @flags: p_flags
 * @offset: p_offset
 * @addr: p_vaddr and p_paddr
 * @size: p_filesz and p_memsz
 * @align: p_align
 */
struct rproc_dump_phdr {
	u32 type;
	u32 flags;
	u64 offset;
	u64 addr;
	u64 size;
	u64 align;
};

/**
 * struct rproc_dump_class - what differs between ELF32 and ELF64 dumps
 * @class: %ELFCLASS32 or %ELFCLASS64
 * @ehdr_size: size of the ELF header
 * @phdr_size: size of a program header
 * @addr_end: segments must end at or below this device address
 * @file_end: the file must end at or below this offset (and at or below
 *	      %SSIZE_MAX, for devcoredump)
 * @put_ehdr: writes the ELF header to @dst
 * @put_phdr: writes @ph to @dst
 */
struct rproc_dump_class {
	u8 class;
	size_t ehdr_size;
	size_t phdr_size;
	u64 addr_end;
	u64 file_end;
	void (*put_ehdr)(void *dst, const struct rproc_dump_layout *layout);
	void (*put_phdr)(void *dst, const struct rproc_dump_phdr *ph);
};

static void rproc_dump_put_ident(unsigned char *ident, u8 class)
{
	memcpy(ident, ELFMAG, SELFMAG);
	ident[EI_CLASS] = class;
	ident[EI_DATA] = IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ? ELFDATA2MSB :
							     ELFDATA2LSB;
	ident[EI_VERSION] = EV_CURRENT;
	ident[EI_OSABI] = ELFOSABI_NONE;
}

static void rproc_dump_put_ehdr32(void *dst,
				  const struct rproc_dump_layout *layout)
{
	struct elf32_hdr eh = {
		.e_type = ET_CORE,
		.e_machine = layout->info.machine,
		.e_version = EV_CURRENT,
		.e_phoff = layout->phoff,
		.e_ehsize = sizeof(eh),
		.e_phentsize = sizeof(struct elf32_phdr),
		.e_phnum = layout->phnum,
	};

	rproc_dump_put_ident(eh.e_ident, ELFCLASS32);
	memcpy(dst, &eh, sizeof(eh));
}

static void rproc_dump_put_ehdr64(void *dst,
				  const struct rproc_dump_layout *layout)
{
	struct elf64_hdr eh = {
		.e_type = ET_CORE,
		.e_machine = layout->info.machine,
		.e_version = EV_CURRENT,
		.e_phoff = layout->phoff,
		.e_ehsize = sizeof(eh),
		.e_phentsize = sizeof(struct elf64_phdr),
		.e_phnum = layout->phnum,
	};

	rproc_dump_put_ident(eh.e_ident, ELFCLASS64);
	memcpy(dst, &eh, sizeof(eh));
}

/* rproc_dump_plan() made sure that every value fits in 32 bits. */
static void rproc_dump_put_phdr32(void *dst, const struct rproc_dump_phdr *ph)
{
	struct elf32_phdr p = {
		.p_type = ph->type,
		.p_flags = ph->flags,
		.p_offset = ph->offset,
		.p_vaddr = ph->addr,
		.p_paddr = ph->addr,
		.p_filesz = ph->size,
		.p_memsz = ph->size,
		.p_align = ph->align,
	};

	memcpy(dst, &p, sizeof(p));
}

static void rproc_dump_put_phdr64(void *dst, const struct rproc_dump_phdr *ph)
{
	struct elf64_phdr p = {
		.p_type = ph->type,
		.p_flags = ph->flags,
		.p_offset = ph->offset,
		.p_vaddr = ph->addr,
		.p_paddr = ph->addr,
		.p_filesz = ph->size,
		.p_memsz = ph->size,
		.p_align = ph->align,
	};

	memcpy(dst, &p, sizeof(p));
}

static const struct rproc_dump_class rproc_dump_classes[] = {
	{
		.class = ELFCLASS32,
		.ehdr_size = sizeof(struct elf32_hdr),
		.phdr_size = sizeof(struct elf32_phdr),
		.addr_end = BIT_ULL(32),
		.file_end = U32_MAX,
		.put_ehdr = rproc_dump_put_ehdr32,
		.put_phdr = rproc_dump_put_phdr32,
	},
	{
		.class = ELFCLASS64,
		.ehdr_size = sizeof(struct elf64_hdr),
		.phdr_size = sizeof(struct elf64_phdr),
		.addr_end = U64_MAX,
		.file_end = S64_MAX,
		.put_ehdr = rproc_dump_put_ehdr64,
		.put_phdr = rproc_dump_put_phdr64,
	},
};

static const struct rproc_dump_class *rproc_dump_find_class(u8 class)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rproc_dump_classes); i++) {
		if (rproc_dump_classes[i].class == class)
			return &rproc_dump_classes[i];
	}
	return NULL;
}

/* Notes have the same 32-bit header in both classes. */
static size_t rproc_dump_note_size(const char *desc)
{
	return sizeof(struct elf32_note) +
	       ALIGN(sizeof(RPROC_DUMP_NOTE_OWNER), 4) +
	       ALIGN(strlen(desc) + 1, 4);
}

/* Writes one note at @dst, whose padding must be zeroed; returns its end. */
static void *rproc_dump_put_note(void *dst, u32 type, const char *desc)
{
	struct elf32_note nh = {
		.n_namesz = sizeof(RPROC_DUMP_NOTE_OWNER),
		.n_descsz = strlen(desc) + 1,
		.n_type = type,
	};

	memcpy(dst, &nh, sizeof(nh));
	dst += sizeof(nh);
	memcpy(dst, RPROC_DUMP_NOTE_OWNER, nh.n_namesz);
	dst += ALIGN(nh.n_namesz, 4);
	memcpy(dst, desc, nh.n_descsz);
	return dst + ALIGN(nh.n_descsz, 4);
}

/* ---------------------------------------------------------------------- */
/* Laying out the file                                                    */
/* ---------------------------------------------------------------------- */

/**
 * rproc_dump_get_info() - the identity of a dump of @rproc
 * @rproc: the remote processor
 * @info: filled in: the ELF class (ELF64 when none was set), the machine,
 *	  the names of the remote and of its firmware
 *
 * Context: &rproc.lock held (&rproc.firmware must not change).
 */
void rproc_dump_get_info(const struct rproc *rproc,
			 struct rproc_dump_info *info)
{
	info->class = rproc->elf_class ?: ELFCLASS64;
	info->machine = rproc->elf_machine;
	info->remote = rproc->name ?: "";
	info->firmware = rproc->firmware ?: "";
}

/* Can @seg be described by a program header of @elf? */
static bool rproc_dump_seg_fits(const struct rproc_dump_class *elf,
				const struct rproc_dump_segment *seg)
{
	u64 end;

	return !check_add_overflow((u64)seg->da, (u64)seg->size, &end) &&
	       end <= elf->addr_end;
}

/**
 * rproc_dump_plan() - lay out the dump file of a list of segments
 * @layout: filled in
 * @info: the identity of the dump; its strings must outlive @layout
 * @segments: the segments, a list of &struct rproc_dump_segment; the file
 *	      offset of each is stored in its &rproc_dump_segment.offset
 *
 * Every address, size and offset is checked against the limits of the ELF
 * class: segments come from the firmware and are not trusted.
 *
 * Context: any context.  @segments must not change while @layout is used.
 * Return: 0; -ENODATA when @segments is empty; -EINVAL for an unknown
 * class; -E2BIG when there are too many segments for e_phnum; -EOVERFLOW
 * when a segment's address range or the file does not fit the class.
 */
int rproc_dump_plan(struct rproc_dump_layout *layout,
		    const struct rproc_dump_info *info,
		    struct list_head *segments)
{
	const struct rproc_dump_class *elf = rproc_dump_find_class(info->class);
	struct rproc_dump_segment *seg;
	size_t nsegs = 0;
	u64 pos, file_end;

	if (!elf)
		return -EINVAL;
	file_end = min_t(u64, elf->file_end, SSIZE_MAX);
	list_for_each_entry(seg, segments, node)
		nsegs++;
	if (!nsegs)
		return -ENODATA;
	/* The note takes a program header too; PN_XNUM is reserved. */
	if (nsegs >= PN_XNUM - 1)
		return -E2BIG;

	layout->info = *info;
	layout->elf = elf;
	layout->segments = segments;
	layout->phnum = nsegs + 1;
	layout->phoff = elf->ehdr_size;
	layout->note_off = layout->phoff + layout->phnum * elf->phdr_size;
	layout->note_size = rproc_dump_note_size(info->firmware) +
			    rproc_dump_note_size(info->remote);
	layout->data_off = layout->note_off + layout->note_size;

	pos = layout->data_off;
	list_for_each_entry(seg, segments, node) {
		if (!rproc_dump_seg_fits(elf, seg))
			return -EOVERFLOW;
		seg->offset = pos;
		if (check_add_overflow(pos, (u64)seg->size, &pos) ||
		    pos > file_end)
			return -EOVERFLOW;
	}
	layout->size = pos;
	return 0;
}

/**
 * rproc_dump_write_headers() - write the headers and notes of a dump
 * @layout: from a successful rproc_dump_plan()
 * @buf: &rproc_dump_layout.data_off bytes, all of which are written
 *
 * Context: any context.
 */
void rproc_dump_write_headers(const struct rproc_dump_layout *layout,
			      void *buf)
{
	const struct rproc_dump_class *elf = layout->elf;
	struct rproc_dump_segment *seg;
	struct rproc_dump_phdr ph = {
		.type = PT_NOTE,
		.offset = layout->note_off,
		.size = layout->note_size,
		.align = 4,
	};
	void *p = buf + layout->phoff;
	void *note;

	memset(buf, 0, layout->data_off);
	elf->put_ehdr(buf, layout);

	elf->put_phdr(p, &ph);
	list_for_each_entry(seg, layout->segments, node) {
		p += elf->phdr_size;
		ph = (struct rproc_dump_phdr) {
			.type = PT_LOAD,
			.flags = PF_R | PF_W | PF_X,
			.offset = seg->offset,
			.addr = seg->da,
			.size = seg->size,
			.align = 1,
		};
		elf->put_phdr(p, &ph);
	}

	note = buf + layout->note_off;
	note = rproc_dump_put_note(note, RPROC_DUMP_NOTE_FIRMWARE,
				   layout->info.firmware);
	rproc_dump_put_note(note, RPROC_DUMP_NOTE_REMOTE, layout->info.remote);
}

/* ---------------------------------------------------------------------- */
/* Reading segments                                                       */
/* ---------------------------------------------------------------------- */

/* Copies @len bytes of @seg, from @off into it on, to @dst. */
static void rproc_dump_read_seg(struct rproc *rproc,
				struct rproc_dump_segment *seg, void *dst,
				size_t off, size_t len)
{
	bool is_iomem = false;
	void *va;

	if (seg->dump) {
		seg->dump(rproc, seg, dst, off, len);
		return;
	}

	va = rproc_da_to_va(rproc, seg->da + off, len, &is_iomem);
	if (!va)
		memset(dst, RPROC_DUMP_FILL, len);
	else if (is_iomem)
		memcpy_fromio(dst, (void __iomem __force *)va, len);
	else
		memcpy(dst, va, len);
}

/*
 * Copies up to @count bytes of segment contents, from file offset @pos on,
 * to @dst.  @pos is at or past &rproc_dump_layout.data_off.
 */
size_t rproc_dump_read_data(struct rproc *rproc,
			    const struct rproc_dump_layout *layout,
			    void *dst, u64 pos, size_t count)
{
	struct rproc_dump_segment *seg;
	size_t done = 0, len;
	u64 start, skip;

	list_for_each_entry(seg, layout->segments, node) {
		if (done == count)
			break;
		/* Segments follow each other in list order, without gaps. */
		start = seg->offset;
		if (pos + done >= start + seg->size)
			continue;
		skip = pos + done - start;
		len = min_t(u64, seg->size - skip, count - done);
		rproc_dump_read_seg(rproc, seg, dst + done, skip, len);
		done += len;
	}
	return done;
}

/**
 * rproc_dump_read() - read part of a dump file
 * @rproc: the remote processor
 * @layout: from a successful rproc_dump_plan()
 * @headers: the first &rproc_dump_layout.data_off bytes of the file, from
 *	     rproc_dump_write_headers()
 * @dst: where to copy to
 * @offset: file offset to start at
 * @count: how many bytes to copy at most
 *
 * Context: &rproc.lock held, so that the remote's memory stays mapped.
 * Return: the number of bytes copied, 0 at or past the end of the file.
 */
size_t rproc_dump_read(struct rproc *rproc,
		       const struct rproc_dump_layout *layout,
		       const void *headers, void *dst, u64 offset,
		       size_t count)
{
	size_t done = 0;

	if (offset >= layout->size)
		return 0;
	count = min_t(u64, count, layout->size - offset);

	if (offset < layout->data_off) {
		done = min_t(u64, count, layout->data_off - offset);
		memcpy(dst, headers + offset, done);
	}
	return done + rproc_dump_read_data(rproc, layout, dst + done,
					   offset + done, count - done);
}
