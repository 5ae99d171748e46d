// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: /sys/kernel/debug/remoteproc/remoteprocN.
 *
 *   name               the remote's name
 *   resource_table     the resource table in use, decoded
 *   carveout_memories  the memory regions of the remote
 *   traceN             the text in trace buffer N, while the remote is up
 *   crash              write "mmu-fault", "watchdog" or "fatal-error": report
 *                      a crash of that type, as the platform driver would
 *   recovery           as the sysfs attribute of the same name
 *
 * Locking: name, resource_table and carveout_memories take &rproc.lock to
 * read what it protects.  traceN files must not: they are removed under
 * &rproc.lock, and removing a debugfs file waits for its readers.  They do
 * not need it either, because the buffer stays mapped until the file is
 * gone.
 */

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/remoteproc.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "remoteproc_internal.h"

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
 * resource_table: decoded from a private copy.  Once the remote runs, the
 * table in use is in its memory and it may have rewritten it, so every
 * offset and count is bounded here again.
 */

static void rproc_dump_text(struct seq_file *m, const char *label,
			    const u8 *text)
{
	const char *s = (const char *)text;

	seq_printf(m, "  %s \"%*pE\"\n", label,
		   (int)strnlen(s, RPROC_RSC_NAME_LEN), s);
}

static void rproc_dump_region(struct seq_file *m, u32 da, u32 pa, u32 len,
			      u32 flags, const u8 *name)
{
	rproc_dump_text(m, "name", name);
	seq_printf(m, "  da 0x%08x  pa 0x%08x  len 0x%x  flags 0x%x\n",
		   da, pa, len, flags);
}

static void rproc_dump_carveout(struct seq_file *m, const void *body)
{
	const struct fw_rsc_carveout *rsc = body;

	rproc_dump_region(m, rsc->da, rsc->pa, rsc->len, rsc->flags,
			  rsc->name);
}

static void rproc_dump_devmem(struct seq_file *m, const void *body)
{
	const struct fw_rsc_devmem *rsc = body;

	rproc_dump_region(m, rsc->da, rsc->pa, rsc->len, rsc->flags,
			  rsc->name);
}

static void rproc_dump_trace(struct seq_file *m, const void *body)
{
	const struct fw_rsc_trace *rsc = body;

	rproc_dump_text(m, "name", rsc->name);
	seq_printf(m, "  da 0x%08x  len 0x%x\n", rsc->da, rsc->len);
}

static void rproc_dump_vdev(struct seq_file *m, const void *body,
			    size_t avail)
{
	const struct fw_rsc_vdev *rsc = body;
	const struct fw_rsc_vdev_vring *vr;
	size_t fit = (avail - sizeof(*rsc)) / sizeof(*vr);
	size_t i;

	seq_printf(m, "  virtio id %u  notifyid %u  status 0x%x\n",
		   rsc->id, rsc->notifyid, rsc->status);
	seq_printf(m, "  dfeatures 0x%08x  gfeatures 0x%08x  config_len %u\n",
		   rsc->dfeatures, rsc->gfeatures, rsc->config_len);
	seq_printf(m, "  %u vring(s)\n", rsc->num_of_vrings);

	for (i = 0; i < rsc->num_of_vrings && i < fit; i++) {
		vr = &rsc->vring[i];
		seq_printf(m, "  vring %zu: da 0x%08x  pa 0x%08x  align %u  num %u  notifyid %u\n",
			   i, vr->da, vr->pa, vr->align, vr->num, vr->notifyid);
	}
	if (rsc->num_of_vrings > fit)
		seq_puts(m, "  (more vrings than the table holds)\n");
}

/* The smallest body of each generic type, 0 for other types. */
static size_t rproc_body_size(u32 type)
{
	switch (type) {
	case RSC_CARVEOUT:
		return sizeof(struct fw_rsc_carveout);
	case RSC_DEVMEM:
		return sizeof(struct fw_rsc_devmem);
	case RSC_TRACE:
		return sizeof(struct fw_rsc_trace);
	case RSC_VDEV:
		return sizeof(struct fw_rsc_vdev);
	}
	return 0;
}

static void rproc_dump_entry(struct seq_file *m,
			     const struct resource_table *table, size_t size,
			     u32 i)
{
	u32 offset = table->offset[i];
	const struct fw_rsc_hdr *hdr;
	const void *body;
	size_t avail;

	if (offset > size || size - offset < sizeof(*hdr)) {
		seq_printf(m, "entry %u: offset 0x%x is outside the table\n",
			   i, offset);
		return;
	}
	hdr = (const void *)table + offset;
	body = hdr->data;
	avail = size - offset - sizeof(*hdr);

	seq_printf(m, "entry %u: %s (type %u) at offset 0x%x\n", i,
		   rproc_rsc_type_name(hdr->type), hdr->type, offset);
	if (avail < rproc_body_size(hdr->type)) {
		seq_puts(m, "  (truncated)\n");
		return;
	}

	switch (hdr->type) {
	case RSC_CARVEOUT:
		rproc_dump_carveout(m, body);
		break;
	case RSC_DEVMEM:
		rproc_dump_devmem(m, body);
		break;
	case RSC_TRACE:
		rproc_dump_trace(m, body);
		break;
	case RSC_VDEV:
		rproc_dump_vdev(m, body, avail);
		break;
	default:
		seq_printf(m, "  %zu byte(s) to the end of the table\n", avail);
		break;
	}
}

static void rproc_dump_table(struct seq_file *m,
			     const struct resource_table *table, size_t size)
{
	size_t fit;
	u32 i;

	if (size < sizeof(*table)) {
		seq_printf(m, "resource table of %zu byte(s) is truncated\n",
			   size);
		return;
	}
	fit = (size - sizeof(*table)) / sizeof(table->offset[0]);

	seq_printf(m, "resource table: version %u, %u entries, %zu bytes\n",
		   table->ver, table->num, size);
	for (i = 0; i < table->num && i < fit; i++)
		rproc_dump_entry(m, table, size, i);
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
		seq_puts(m, "no resource table\n");
		return 0;
	}
	if (!copy)
		return -ENOMEM;

	rproc_dump_table(m, copy, size);
	kfree(copy);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rproc_rsc_table);

/* ---------------------------------------------------------------------
 * carveout_memories
 */

static int rproc_carveouts_show(struct seq_file *m, void *unused)
{
	struct rproc *rproc = m->private;
	struct rproc_mem_entry *mem;
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	if (list_empty(&rproc->carveouts))
		seq_puts(m, "no carveouts\n");
	list_for_each_entry(mem, &rproc->carveouts, node) {
		seq_printf(m, "carveout \"%*pE\"\n", (int)strlen(mem->name),
			   mem->name);
		seq_printf(m, "  va %pK  dma %pad  da 0x%08x  len 0x%zx\n",
			   mem->va, &mem->dma, mem->da, mem->len);
	}

	mutex_unlock(&rproc->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rproc_carveouts);

/* ---------------------------------------------------------------------
 * traceN: each open takes a snapshot of the buffer; reads return its text
 * up to the first NUL.  The firmware writes the buffer at any time, so it
 * is copied once, then only the copy is looked at.
 */

struct rproc_trace_snapshot {
	size_t len;
	char text[];
};

static int rproc_trace_open(struct inode *inode, struct file *file)
{
	struct rproc_trace *trace = inode->i_private;
	struct rproc_trace_snapshot *snap;

	snap = kvmalloc(struct_size(snap, text, trace->len), GFP_KERNEL);
	if (!snap)
		return -ENOMEM;

	if (trace->is_iomem)
		memcpy_fromio(snap->text,
			      (const void __iomem __force *)trace->va,
			      trace->len);
	else
		memcpy(snap->text, trace->va, trace->len);
	snap->len = strnlen(snap->text, trace->len);

	file->private_data = snap;
	return 0;
}

static ssize_t rproc_trace_read(struct file *file, char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct rproc_trace_snapshot *snap = file->private_data;

	return simple_read_from_buffer(ubuf, count, ppos, snap->text,
				       snap->len);
}

static int rproc_trace_release(struct inode *inode, struct file *file)
{
	kvfree(file->private_data);
	return 0;
}

static const struct file_operations rproc_trace_fops = {
	.owner		= THIS_MODULE,
	.open		= rproc_trace_open,
	.read		= rproc_trace_read,
	.release	= rproc_trace_release,
	.llseek		= default_llseek,
};

/* ---------------------------------------------------------------------
 * crash and recovery: small commands written from user space
 */

/* Longest command accepted, newline included */
#define RPROC_DBG_CMD_MAX	16

static int rproc_dbg_get_cmd(char *cmd, const char __user *ubuf,
			     size_t count)
{
	if (!count || count > RPROC_DBG_CMD_MAX - 1)
		return -EINVAL;
	if (copy_from_user(cmd, ubuf, count))
		return -EFAULT;
	cmd[count] = '\0';
	return 0;
}

static ssize_t rproc_crash_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	static const char * const types[] = {
		[RPROC_MMUFAULT] = "mmu-fault",
		[RPROC_WATCHDOG] = "watchdog",
		[RPROC_FATAL_ERROR] = "fatal-error",
	};
	struct rproc *rproc = file->private_data;
	char cmd[RPROC_DBG_CMD_MAX];
	int ret, type;

	ret = rproc_dbg_get_cmd(cmd, ubuf, count);
	if (ret)
		return ret;
	type = sysfs_match_string(types, cmd);
	if (type < 0)
		return -EINVAL;

	rproc_report_crash(rproc, type);
	return count;
}

static const struct file_operations rproc_crash_fops = {
	.owner		= THIS_MODULE,
	.open		= simple_open,
	.write		= rproc_crash_write,
	.llseek		= generic_file_llseek,
};

static ssize_t rproc_recovery_read(struct file *file, char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	char text[RPROC_DBG_CMD_MAX];
	int len;

	len = scnprintf(text, sizeof(text), "%s\n",
			rproc_recovery_show(file->private_data));
	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

static ssize_t rproc_recovery_write(struct file *file,
				    const char __user *ubuf, size_t count,
				    loff_t *ppos)
{
	char cmd[RPROC_DBG_CMD_MAX];
	int ret;

	ret = rproc_dbg_get_cmd(cmd, ubuf, count);
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
