// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: /sys/kernel/debug/remoteproc/remoteprocN.
 *
 *   name               the remote's name
 *   resource_table     the resource table in use, decoded (Linux 6.1 layout)
 *   carveout_memories  the memory regions of the remote (Linux 6.1 layout)
 *   traceN             the text in trace buffer N, while the remote is up
 *   crash              write a crash type: a number as Linux 6.1 takes it
 *                      (0 mmu fault, 1 watchdog, 2 fatal error, any other
 *                      value an unknown type), or one of the names
 *                      "mmu-fault", "watchdog" and "fatal-error"; reports
 *                      a crash of that type, as the platform driver would
 *   recovery           as the sysfs attribute of the same name
 *   coredump           as the sysfs attribute of the same name
 *
 * As in Linux 6.1, recovery takes at most 10 bytes per write and coredump
 * at most 20; longer or empty writes fail with -EINVAL.
 *
 * Locking: name, resource_table and carveout_memories take &rproc.lock to
 * read what it protects.  traceN files must not: they are removed under
 * &rproc.lock, and removing a debugfs file waits for its readers.  They do
 * not need it either, because the buffer stays mapped until the file is
 * gone.
 */

#include <linux/build_bug.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/remoteproc.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "remoteproc_internal.h"
#include "remoteproc_coredump.h"

static struct dentry *rproc_dbg_root;

/* ---------------------------------------------------------------------
 * name
 */

static int rproc_name_show(struct seq_file *m, void *unused)
{
	struct rproc *rproc = m->private;

	seq_printf(m, "%s\n", rproc->name);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rproc_name);

/* ---------------------------------------------------------------------
 * resource_table: decoded from a private copy, in Linux 6.1's layout: per
 * entry a line "Entry <i> is of type <type>", then one indented line per
 * field, then an empty line.  Once the remote runs, the table in use is in
 * its memory and it may have rewritten it, so every offset and count is
 * bounded here again; what does not fit is said in lines of our own.
 */

/* How a field of an entry is shown. */
enum rproc_dbg_show {
	RPROC_DBG_HEX,		/* 0x%x */
	RPROC_DBG_DEC,		/* %u */
	RPROC_DBG_BYTES,	/* 0x%x Bytes */
	RPROC_DBG_ZERO,		/* [%u]: a reserved word */
	RPROC_DBG_NAME,		/* a name of RPROC_RSC_NAME_LEN bytes at most */
};

/**
 * struct rproc_dbg_field - one line of an entry's description
 * @label: what the line says before the value
 * @offset: where the u32 (or the name) is in the entry's body
 * @show: how the value is shown
 */
struct rproc_dbg_field {
	const char *label;
	u8 offset;
	u8 show;
};

#define RPROC_DBG_FIELD(type, member, text, how) \
	{ .label = (text), .offset = offsetof(type, member), .show = (how) }

/* Carveout and devmem entries have the same layout, and the same fields. */
static const struct rproc_dbg_field rproc_dbg_memory[] = {
	RPROC_DBG_FIELD(struct fw_rsc_carveout, da, "Device Address",
			RPROC_DBG_HEX),
	RPROC_DBG_FIELD(struct fw_rsc_carveout, pa, "Physical Address",
			RPROC_DBG_HEX),
	RPROC_DBG_FIELD(struct fw_rsc_carveout, len, "Length",
			RPROC_DBG_BYTES),
	RPROC_DBG_FIELD(struct fw_rsc_carveout, flags, "Flags",
			RPROC_DBG_HEX),
	RPROC_DBG_FIELD(struct fw_rsc_carveout, reserved,
			"Reserved (should be zero)", RPROC_DBG_ZERO),
	RPROC_DBG_FIELD(struct fw_rsc_carveout, name, "Name", RPROC_DBG_NAME),
	{ }
};

static_assert(sizeof(struct fw_rsc_devmem) == sizeof(struct fw_rsc_carveout));
static_assert(offsetof(struct fw_rsc_devmem, reserved) ==
	      offsetof(struct fw_rsc_carveout, reserved));
static_assert(offsetof(struct fw_rsc_devmem, name) ==
	      offsetof(struct fw_rsc_carveout, name));

static const struct rproc_dbg_field rproc_dbg_trace[] = {
	RPROC_DBG_FIELD(struct fw_rsc_trace, da, "Device Address",
			RPROC_DBG_HEX),
	RPROC_DBG_FIELD(struct fw_rsc_trace, len, "Length", RPROC_DBG_BYTES),
	RPROC_DBG_FIELD(struct fw_rsc_trace, reserved,
			"Reserved (should be zero)", RPROC_DBG_ZERO),
	RPROC_DBG_FIELD(struct fw_rsc_trace, name, "Name", RPROC_DBG_NAME),
	{ }
};

/* A vdev entry's fields up to its reserved bytes, shown on their own. */
static const struct rproc_dbg_field rproc_dbg_vdev[] = {
	RPROC_DBG_FIELD(struct fw_rsc_vdev, id, "ID", RPROC_DBG_DEC),
	RPROC_DBG_FIELD(struct fw_rsc_vdev, notifyid, "Notify ID",
			RPROC_DBG_DEC),
	RPROC_DBG_FIELD(struct fw_rsc_vdev, dfeatures, "Device features",
			RPROC_DBG_HEX),
	RPROC_DBG_FIELD(struct fw_rsc_vdev, gfeatures, "Guest features",
			RPROC_DBG_HEX),
	RPROC_DBG_FIELD(struct fw_rsc_vdev, config_len, "Config length",
			RPROC_DBG_HEX),
	{ }
};

static const struct rproc_dbg_field rproc_dbg_vring[] = {
	RPROC_DBG_FIELD(struct fw_rsc_vdev_vring, da, "Device Address",
			RPROC_DBG_HEX),
	RPROC_DBG_FIELD(struct fw_rsc_vdev_vring, align, "Alignment",
			RPROC_DBG_DEC),
	RPROC_DBG_FIELD(struct fw_rsc_vdev_vring, num, "Number of buffers",
			RPROC_DBG_DEC),
	RPROC_DBG_FIELD(struct fw_rsc_vdev_vring, notifyid, "Notify ID",
			RPROC_DBG_DEC),
	RPROC_DBG_FIELD(struct fw_rsc_vdev_vring, pa, "Physical Address",
			RPROC_DBG_HEX),
	{ }
};

/* Each field of @fields in @body, indented by @indent. */
static void rproc_dbg_fields(struct seq_file *m, const char *indent,
			     const struct rproc_dbg_field *fields,
			     const void *body)
{
	const struct rproc_dbg_field *f;
	const char *text;
	u32 val;

	for (f = fields; f->label; f++) {
		seq_printf(m, "%s%s ", indent, f->label);
		if (f->show == RPROC_DBG_NAME) {
			text = body + f->offset;
			seq_printf(m, "%*pE\n",
				   (int)strnlen(text, RPROC_RSC_NAME_LEN), text);
			continue;
		}
		memcpy(&val, body + f->offset, sizeof(val));
		switch (f->show) {
		case RPROC_DBG_HEX:
			seq_printf(m, "0x%x\n", val);
			break;
		case RPROC_DBG_BYTES:
			seq_printf(m, "0x%x Bytes\n", val);
			break;
		case RPROC_DBG_ZERO:
			seq_printf(m, "[%u]\n", val);
			break;
		default:
			seq_printf(m, "%u\n", val);
			break;
		}
	}
}

/* @avail: the bytes of the table from @body on. */
static void rproc_dbg_show_vdev(struct seq_file *m, const void *body,
				size_t avail)
{
	const struct fw_rsc_vdev *rsc = body;
	size_t fit = (avail - sizeof(*rsc)) / sizeof(rsc->vring[0]);
	size_t i;

	rproc_dbg_fields(m, "  ", rproc_dbg_vdev, rsc);
	seq_printf(m, "  Status 0x%x\n", rsc->status);
	seq_printf(m, "  Number of vrings %u\n", rsc->num_of_vrings);
	seq_printf(m, "  Reserved (should be zero) [%u][%u]\n\n",
		   rsc->reserved[0], rsc->reserved[1]);

	for (i = 0; i < rsc->num_of_vrings && i < fit; i++) {
		seq_printf(m, "  Vring %zu\n", i);
		rproc_dbg_fields(m, "    ", rproc_dbg_vring, &rsc->vring[i]);
		seq_putc(m, '\n');
	}
	if (rsc->num_of_vrings > fit)
		seq_puts(m, "  (more vrings than the table holds)\n\n");
}

/* The fields of a generic type and the smallest body that holds them. */
static const struct rproc_dbg_field *rproc_dbg_layout(u32 type, size_t *size)
{
	switch (type) {
	case RSC_CARVEOUT:
	case RSC_DEVMEM:
		*size = sizeof(struct fw_rsc_carveout);
		return rproc_dbg_memory;
	case RSC_TRACE:
		*size = sizeof(struct fw_rsc_trace);
		return rproc_dbg_trace;
	case RSC_VDEV:
		*size = sizeof(struct fw_rsc_vdev);
		return NULL;
	}
	*size = 0;
	return NULL;
}

static void rproc_dbg_show_entry(struct seq_file *m,
				 const struct resource_table *table,
				 size_t size, u32 i)
{
	const struct rproc_dbg_field *fields;
	u32 offset = table->offset[i];
	const struct fw_rsc_hdr *hdr;
	size_t avail, need;

	if (offset > size || size - offset < sizeof(*hdr)) {
		seq_printf(m, "Entry %u: offset 0x%x is outside the table\n\n",
			   i, offset);
		return;
	}
	hdr = (const void *)table + offset;
	avail = size - offset - sizeof(*hdr);
	fields = rproc_dbg_layout(hdr->type, &need);

	if (!need) {
		seq_printf(m, "Unknown resource type found: %u [offset 0x%x]\n",
			   hdr->type, offset);
		return;
	}
	seq_printf(m, "Entry %u is of type %s\n", i,
		   rproc_rsc_type_name(hdr->type));
	if (avail < need) {
		seq_puts(m, "  (truncated by the end of the table)\n\n");
		return;
	}
	if (!fields) {
		rproc_dbg_show_vdev(m, hdr->data, avail);
		return;
	}
	rproc_dbg_fields(m, "  ", fields, hdr->data);
	seq_putc(m, '\n');
}

static void rproc_dbg_show_table(struct seq_file *m,
				 const struct resource_table *table,
				 size_t size)
{
	size_t fit;
	u32 i;

	if (size < sizeof(*table)) {
		seq_printf(m, "Resource table of %zu byte(s) is truncated\n",
			   size);
		return;
	}
	fit = (size - sizeof(*table)) / sizeof(table->offset[0]);

	for (i = 0; i < table->num && i < fit; i++)
		rproc_dbg_show_entry(m, table, size, i);
	if (table->num > fit)
		seq_puts(m, "(more entries than the table holds)\n");
}

static int rproc_rsc_table_show(struct seq_file *m, void *unused)
{
	struct rproc *rproc = m->private;
	struct resource_table *copy = NULL;
	bool has_table;
	size_t size;
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;
	has_table = rproc->table_ptr;
	size = rproc->table_sz;
	if (has_table)
		copy = kmemdup(rproc->table_ptr, size, GFP_KERNEL);
	mutex_unlock(&rproc->lock);

	if (!has_table) {
		seq_puts(m, "No resource table found\n");
		return 0;
	}
	if (!copy)
		return -ENOMEM;

	rproc_dbg_show_table(m, copy, size);
	kfree(copy);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rproc_rsc_table);

/* ---------------------------------------------------------------------
 * carveout_memories: per region, in Linux 6.1's layout, a heading line,
 * one line per property with a tab before it, an empty line.  Nothing at
 * all without regions.
 */

static int rproc_carveouts_show(struct seq_file *m, void *unused)
{
	struct rproc *rproc = m->private;
	struct rproc_mem_entry *mem;
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	list_for_each_entry(mem, &rproc->carveouts, node) {
		seq_puts(m, "Carveout memory entry:\n");
		seq_printf(m, "\tName: %s\n\tVirtual address: %pK\n",
			   mem->name, mem->va);
		seq_printf(m, "\tDMA address: %pad\n\tDevice address: 0x%x\n",
			   &mem->dma, mem->da);
		seq_printf(m, "\tLength: 0x%zx Bytes\n\n", mem->len);
	}

	mutex_unlock(&rproc->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rproc_carveouts);

/* ---------------------------------------------------------------------
 * traceN: the text in the buffer up to its first NUL.  The firmware picks
 * the buffer's size and writes it at any time, so nothing is copied at
 * open: each read copies what it returns, through a bounce buffer of
 * %RPROC_TRACE_CHUNK bytes, and stops at a NUL.  Reads from the start
 * return what Linux 6.1 returns; memory does not depend on the buffer.
 */

#define RPROC_TRACE_CHUNK	SZ_4K

static void rproc_trace_copy(const struct rproc_trace *trace, char *dst,
			     size_t offset, size_t len)
{
	if (trace->is_iomem)
		memcpy_fromio(dst, (const void __iomem __force *)trace->va +
			      offset, len);
	else
		memcpy(dst, trace->va + offset, len);
}

static ssize_t rproc_trace_read(struct file *file, char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct rproc_trace *trace = file->private_data;
	size_t done = 0, n, text;
	ssize_t ret = 0;
	char *chunk;

	if (*ppos < 0)
		return -EINVAL;
	if (*ppos >= trace->len || !count)
		return 0;
	count = min_t(size_t, count, trace->len - *ppos);

	chunk = kmalloc(RPROC_TRACE_CHUNK, GFP_KERNEL);
	if (!chunk)
		return -ENOMEM;

	while (done < count) {
		n = min_t(size_t, count - done, RPROC_TRACE_CHUNK);
		rproc_trace_copy(trace, chunk, *ppos + done, n);
		text = strnlen(chunk, n);
		if (copy_to_user(ubuf + done, chunk, text)) {
			ret = -EFAULT;
			break;
		}
		done += text;
		if (text < n || fatal_signal_pending(current))
			break;
		cond_resched();
	}
	kfree(chunk);

	if (!done)
		return ret;
	*ppos += done;
	return done;
}

static const struct file_operations rproc_trace_fops = {
	.owner		= THIS_MODULE,
	.open		= simple_open,
	.read		= rproc_trace_read,
	.llseek		= default_llseek,
};

/* ---------------------------------------------------------------------
 * crash, recovery and coredump: small commands written from user space
 */

/* Longest write accepted by recovery and by coredump, as in Linux 6.1 */
#define RPROC_DBG_RECOVERY_MAX	10
#define RPROC_DBG_COREDUMP_MAX	20
/* Longest crash type name accepted, newline included */
#define RPROC_DBG_CRASH_NAME_MAX	15

/*
 * Copy a command of 1 to @max bytes into @cmd (@max + 1 bytes), terminated.
 * As in Linux 6.1, a newline is dropped when it is the last byte written;
 * one anywhere else makes the command match no word (it is emptied).
 */
static int rproc_dbg_get_cmd(char *cmd, size_t max, const char __user *ubuf,
			     size_t count)
{
	if (!count || count > max)
		return -EINVAL;
	if (copy_from_user(cmd, ubuf, count))
		return -EFAULT;
	cmd[count] = '\0';
	if (cmd[count - 1] == '\n')
		cmd[count - 1] = '\0';
	if (strchr(cmd, '\n'))
		cmd[0] = '\0';
	return 0;
}

/*
 * The crash type: a number, parsed as Linux 6.1 parses it (base prefixes,
 * one trailing newline; types it does not know are reported as such), or
 * one of our names.  Anything else fails with the number parser's error.
 */
static int rproc_crash_type(const char __user *ubuf, size_t count,
			    unsigned int *type)
{
	static const char * const names[] = {
		[RPROC_MMUFAULT] = "mmu-fault",
		[RPROC_WATCHDOG] = "watchdog",
		[RPROC_FATAL_ERROR] = "fatal-error",
	};
	char cmd[RPROC_DBG_CRASH_NAME_MAX + 1];
	int ret, match;

	ret = kstrtouint_from_user(ubuf, count, 0, type);
	if (!ret || ret == -EFAULT)
		return ret;

	if (rproc_dbg_get_cmd(cmd, RPROC_DBG_CRASH_NAME_MAX, ubuf, count))
		return ret;
	match = sysfs_match_string(names, cmd);
	if (match < 0)
		return ret;
	*type = match;
	return 0;
}

static ssize_t rproc_crash_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	unsigned int type;
	int ret;

	ret = rproc_crash_type(ubuf, count, &type);
	if (ret)
		return ret;

	rproc_report_crash(file->private_data, type);
	return count;
}

static const struct file_operations rproc_crash_fops = {
	.owner		= THIS_MODULE,
	.open		= simple_open,
	.write		= rproc_crash_write,
	.llseek		= generic_file_llseek,
};

/* The word of a setting and a newline, as the sysfs attributes show it. */
static ssize_t rproc_dbg_read_word(char __user *ubuf, size_t count,
				   loff_t *ppos, const char *word)
{
	char text[16];
	int len;

	len = scnprintf(text, sizeof(text), "%s\n", word);
	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

static ssize_t rproc_recovery_read(struct file *file, char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	return rproc_dbg_read_word(ubuf, count, ppos,
				   rproc_recovery_show(file->private_data));
}

static ssize_t rproc_recovery_write(struct file *file,
				    const char __user *ubuf, size_t count,
				    loff_t *ppos)
{
	char cmd[RPROC_DBG_RECOVERY_MAX + 1];
	int ret;

	ret = rproc_dbg_get_cmd(cmd, RPROC_DBG_RECOVERY_MAX, ubuf, count);
	if (ret)
		return ret;
	ret = rproc_recovery_store(file->private_data, cmd);
	return ret ? ret : count;
}

static const struct file_operations rproc_recovery_fops = {
	.owner		= THIS_MODULE,
	.open		= simple_open,
	.read		= rproc_recovery_read,
	.write		= rproc_recovery_write,
	.llseek		= generic_file_llseek,
};

static ssize_t rproc_coredump_read(struct file *file, char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	return rproc_dbg_read_word(ubuf, count, ppos,
				   rproc_coredump_conf_show(file->private_data));
}

static ssize_t rproc_coredump_write(struct file *file,
				    const char __user *ubuf, size_t count,
				    loff_t *ppos)
{
	char cmd[RPROC_DBG_COREDUMP_MAX + 1];
	int ret;

	ret = rproc_dbg_get_cmd(cmd, RPROC_DBG_COREDUMP_MAX, ubuf, count);
	if (ret)
		return ret;
	ret = rproc_coredump_conf_store(file->private_data, cmd);
	return ret ? ret : count;
}

static const struct file_operations rproc_coredump_fops = {
	.owner		= THIS_MODULE,
	.open		= simple_open,
	.read		= rproc_coredump_read,
	.write		= rproc_coredump_write,
	.llseek		= generic_file_llseek,
};

/**
 * rproc_create_trace_file() - create the debugfs file of a trace buffer
 * @rproc: the remote processor
 * @trace: the buffer; its file is called trace<&rproc_trace.index>
 *
 * Context: process context, &rproc.lock held.
 * Return: the file, to be passed to rproc_remove_trace_file(); NULL or an
 * error pointer when debugfs is not available (harmless).
 */
struct dentry *rproc_create_trace_file(struct rproc *rproc,
				       struct rproc_trace *trace)
{
	char name[24];

	if (IS_ERR_OR_NULL(rproc->dbg_dir))
		return NULL;

	snprintf(name, sizeof(name), "trace%d", trace->index);
	return debugfs_create_file(name, 0400, rproc->dbg_dir, trace,
				   &rproc_trace_fops);
}

/**
 * rproc_remove_trace_file() - remove the debugfs file of a trace buffer
 * @tfile: what rproc_create_trace_file() returned
 *
 * Waits for the file's current readers; afterwards the buffer may go.
 *
 * Context: process context.
 */
void rproc_remove_trace_file(struct dentry *tfile)
{
	debugfs_remove(tfile);
}

/**
 * rproc_create_debug_dir() - create the debugfs directory of a remote
 * @rproc: a remote processor being registered
 *
 * Context: process context.
 */
void rproc_create_debug_dir(struct rproc *rproc)
{
	struct dentry *dir;

	if (IS_ERR_OR_NULL(rproc_dbg_root))
		return;

	dir = debugfs_create_dir(dev_name(&rproc->dev), rproc_dbg_root);
	debugfs_create_file("name", 0400, dir, rproc, &rproc_name_fops);
	debugfs_create_file("resource_table", 0400, dir, rproc,
			    &rproc_rsc_table_fops);
	debugfs_create_file("carveout_memories", 0400, dir, rproc,
			    &rproc_carveouts_fops);
	debugfs_create_file("crash", 0200, dir, rproc, &rproc_crash_fops);
	debugfs_create_file("recovery", 0600, dir, rproc,
			    &rproc_recovery_fops);
	debugfs_create_file("coredump", 0600, dir, rproc,
			    &rproc_coredump_fops);
	rproc->dbg_dir = dir;
}

/**
 * rproc_delete_debug_dir() - remove the debugfs directory of a remote
 * @rproc: a remote processor being deleted, already stopped
 *
 * Waits for the current readers of its files.
 *
 * Context: process context, &rproc.lock not held.
 */
void rproc_delete_debug_dir(struct rproc *rproc)
{
	debugfs_remove(rproc->dbg_dir);
	rproc->dbg_dir = NULL;
}

/**
 * rproc_init_debugfs() - create /sys/kernel/debug/remoteproc
 *
 * Context: module initialisation.
 */
void rproc_init_debugfs(void)
{
	if (debugfs_initialized())
		rproc_dbg_root = debugfs_create_dir("remoteproc", NULL);
}

/**
 * rproc_exit_debugfs() - remove /sys/kernel/debug/remoteproc
 *
 * Context: module exit.
 */
void rproc_exit_debugfs(void)
{
	debugfs_remove(rproc_dbg_root);
	rproc_dbg_root = NULL;
}
