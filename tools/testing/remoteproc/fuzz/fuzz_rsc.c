// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_rsc - a resource table through a whole boot and shutdown of its
 * resources: rproc_handle_resources() (remoteproc_rsc.c, with the table
 * check of remoteproc_rsc_table.c), rproc_add_vdev() and its vring checks
 * (remoteproc_virtio.c), rproc_alloc_carveouts() and rproc_da_to_va()
 * (remoteproc_mem.c), rproc_handle_traces(), then the virtio devices as a
 * virtio driver uses them once the remote runs (status, features, config
 * space get/set at and around its bounds, find_vqs/del_vqs, notify and
 * interrupts), then a remote that rewrites the loaded table under the
 * running device, then the stop and rproc_release_resources() -- or, on a
 * failure, rproc_discard_resources() as the core does.
 *
 * Input: the resource table.  Its last byte also selects faults: bit 0 a
 * platform driver without a kick op, bit 1 a failing platform_device_add(),
 * bit 2 a failing coherent allocation, bit 3 a vendor handler that fails,
 * bit 4 no platform carveout ("vdev0buffer", 64 KiB at da 0x60100000),
 * bit 5 a failing register_virtio_device(), bit 6 a failing allocation:
 * the n-th one from rproc_handle_resources() on, n = 1 + the byte before
 * the last, modulo 32.
 *
 * Contract checked, besides ASan/UBSan and the kernel code's own WARN_ONs:
 *  - a table the reference model rejects fails with -EINVAL and one error;
 *    any failure is logged; a success logs no error;
 *  - on success, every vdev entry names rpmsg or rproc-serial, has valid
 *    vrings whose da and pa were written back, with notify ids that are
 *    distinct and registered; no devmem entry was accepted; each carveout
 *    entry has the da and pa of its memory written back;
 *  - the vendor handler is given its entry and exactly the bytes to the
 *    table's end; every trace buffer is readable for its whole length;
 *  - config space accesses succeed exactly when inside the config space
 *    of the validated entry, read and write the loaded table there, and
 *    are logged once otherwise -- also after the remote rewrote the loaded
 *    entry's counts;
 *  - vrings handed to virtio hold a whole ring; the kick and interrupts
 *    find their vring by notify id;
 *  - an allocation failure fails the step with -ENOMEM;
 *  - after the release (or discard), nothing is left: memory, DMA
 *    memory, notify ids, devices, subdevices, lists.
 */

#include "fuzz_common.h"
#include <linux/dma-mapping.h>
#include <linux/platform_device.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>
#include "remoteproc_internal.h"

#define CTL_NO_KICK		0x01
#define CTL_PDEV_FAILS		0x02
#define CTL_DMA_FAILS		0x04
#define CTL_VENDOR_FAILS	0x08
#define CTL_NO_PLATFORM_MEM	0x10
#define CTL_REGISTER_FAILS	0x20
#define CTL_ALLOC_FAILS		0x40

#define LOCAL_DA		0x60001000ULL
#define LOCAL_SIZE		SZ_64K
#define SHARED_DA		0x60100000U
#define SHARED_SIZE		SZ_64K
#define MAX_ENTRIES		1024
#define MAX_VDEVS		64
#define MAX_VQS			(MAX_VDEVS * RPROC_RSC_MAX_VRINGS)

static struct model_entry entries[MAX_ENTRIES];
static u8 *local_mem, *shared_mem;
static u8 ctl;
static struct rproc rproc;
static struct rproc_ops ops;
static struct device parent;
static u64 parent_dma_mask = DMA_BIT_MASK(32);
static u8 *table;		/* the kernel's copy, as handed to the core */
static size_t table_size;
static unsigned long failures_seen;

/* Did the step that just returned meet an injected allocation failure? */
static bool alloc_failed(void)
{
	bool failed = kshim_alloc_failures != failures_seen;

	failures_seen = kshim_alloc_failures;
	return failed;
}

/* A step's outcome: logged when it failed, unless memory ran out. */
static void check_step(const char *what, int ret)
{
	if (alloc_failed()) {
		KSHIM_ASSERT(ret == -ENOMEM, "%s without memory: %d", what, ret);
		return;
	}
	KSHIM_ASSERT(!ret == !fuzz_errors(), "%s: %d, %lu errors", what, ret,
		     fuzz_errors());
}

/* ---------------------------------------------------------------------
 * The platform driver: its memory, kick and vendor handler.
 */

static void *fake_da_to_va(struct rproc *rp, u64 da, size_t len,
			   bool *is_iomem)
{
	if (da < LOCAL_DA || da - LOCAL_DA >= LOCAL_SIZE ||
	    len > LOCAL_SIZE - (da - LOCAL_DA))
		return NULL;
	if (is_iomem)
		*is_iomem = false;
	return local_mem + (da - LOCAL_DA);
}

static unsigned int nr_kicks;

static void fake_kick(struct rproc *rp, int vqid)
{
	KSHIM_ASSERT(rp == &rproc && idr_find(&rp->notifyids, vqid),
		     "kick of notify id %d", vqid);
	nr_kicks++;
}

static int fake_handle_rsc(struct rproc *rp, u32 type, void *rsc, int offset,
			   int avail)
{
	const u8 *p = rsc;
	unsigned int sum = 0;
	int i;

	KSHIM_ASSERT(type >= RSC_VENDOR_START && type < RSC_VENDOR_END,
		     "vendor handler called for type %u", type);
	KSHIM_ASSERT(offset >= 4 && (u8 *)rsc == (u8 *)rp->table_ptr + offset,
		     "vendor entry at %p, offset %d", rsc, offset);
	KSHIM_ASSERT((size_t)offset + avail == rp->table_sz,
		     "vendor entry at %d: %d bytes, table of %zu", offset,
		     avail, rp->table_sz);
	for (i = 0; i < avail; i++)
		sum += p[i];
	if (ctl & CTL_VENDOR_FAILS)
		return -EINVAL;
	return (type + sum) & 1 ? RSC_HANDLED : RSC_IGNORED;
}

/* ---------------------------------------------------------------------
 * The rest of the core: subdevices, traces in debugfs, coredumps.
 */

void rproc_add_subdev(struct rproc *rp, struct rproc_subdev *subdev)
{
	list_add_tail(&subdev->node, &rp->subdevs);
}

void rproc_remove_subdev(struct rproc *rp, struct rproc_subdev *subdev)
{
	list_del(&subdev->node);
}

static int dentry_cookie;

struct dentry *rproc_create_trace_file(struct rproc *rp,
				       struct rproc_trace *trace)
{
	const volatile u8 *p = trace->va;
	size_t i;

	/* What debugfs would read: the whole buffer, and the name. */
	for (i = 0; i < trace->len; i++)
		(void)p[i];
	KSHIM_ASSERT(strnlen(trace->name, sizeof(trace->name)) < sizeof(trace->name),
		     "trace name not terminated");
	return (struct dentry *)&dentry_cookie;
}

void rproc_remove_trace_file(struct dentry *tfile)
{
	KSHIM_ASSERT(!tfile || tfile == (struct dentry *)&dentry_cookie,
		     "removing trace file %p", tfile);
}

static unsigned int nr_dumps;

int rproc_coredump_add_segment(struct rproc *rp, dma_addr_t da, size_t size)
{
	nr_dumps++;
	return da & 0x1000 ? -ENOMEM : 0;
}

int rproc_coredump_append_segment(struct rproc *rp, dma_addr_t da,
				  size_t size)
{
	return rproc_coredump_add_segment(rp, da, size);
}

void rproc_coredump_cleanup(struct rproc *rp)
{
	nr_dumps = 0;
}

/* ---------------------------------------------------------------------
 * Virtio: devices and rings as far as a driver sees them.
 */

static struct virtio_device *vdevs[MAX_VDEVS];
static unsigned int nr_vdevs;
static struct virtqueue *live_vqs[MAX_VQS];
static unsigned int nr_callbacks;

static bool vq_is_live(struct virtqueue *vq)
{
	unsigned int i;

	for (i = 0; i < MAX_VQS; i++) {
		if (vq && live_vqs[i] == vq)
			return true;
	}
	return false;
}

struct virtqueue *vring_new_virtqueue(unsigned int index, unsigned int num,
				      unsigned int vring_align,
				      struct virtio_device *vdev,
				      bool weak_barriers, bool ctx, void *pages,
				      bool (*notify)(struct virtqueue *vq),
				      void (*callback)(struct virtqueue *vq),
				      const char *name)
{
	struct virtqueue *vq;
	unsigned int i;

	KSHIM_ASSERT(is_power_of_2(num) && is_power_of_2(vring_align),
		     "vring of %u, align %u", num, vring_align);
	/* The ring must be there, all of it. */
	memset(pages, 0x5a, vring_size(num, vring_align));

	vq = calloc(1, sizeof(*vq));	/* not the kernel's: never fails */
	vq->vdev = vdev;
	vq->index = index;
	vq->num_max = num;
	vq->name = name;
	vq->callback = callback;
	vq->kshim = notify;
	for (i = 0; i < MAX_VQS; i++) {
		if (!live_vqs[i]) {
			live_vqs[i] = vq;
			return vq;
		}
	}
	kshim_fatal(__FILE__, __LINE__, "too many virtqueues");
}

void vring_del_virtqueue(struct virtqueue *vq)
{
	unsigned int i;

	for (i = 0; i < MAX_VQS; i++) {
		if (live_vqs[i] == vq) {
			live_vqs[i] = NULL;
			free(vq);
			return;
		}
	}
	kshim_fatal(__FILE__, __LINE__, "deleting unknown virtqueue %p", vq);
}

irqreturn_t vring_interrupt(int irq, void *_vq)
{
	struct virtqueue *vq = _vq;

	KSHIM_ASSERT(vq_is_live(vq), "interrupt for dead virtqueue %p", vq);
	if (vq->callback)
		vq->callback(vq);
	return IRQ_HANDLED;
}

void vring_transport_features(struct virtio_device *vdev)
{
	/* Keep the transport bits only, as virtio_ring does. */
	vdev->features &= BIT_ULL(VIRTIO_F_VERSION_1) | 0xffffffffULL;
}

int register_virtio_device(struct virtio_device *vdev)
{
	device_initialize(&vdev->dev);
	if (ctl & CTL_REGISTER_FAILS)
		return -ENOMEM;
	KSHIM_ASSERT(nr_vdevs < MAX_VDEVS, "too many virtio devices");
	vdev->dev.registered = 1;
	vdevs[nr_vdevs++] = vdev;
	return 0;
}

void unregister_virtio_device(struct virtio_device *vdev)
{
	unsigned int i;

	KSHIM_ASSERT(vdev->dev.registered, "unregistering an unregistered device");
	for (i = 0; i < nr_vdevs; i++) {
		if (vdevs[i] == vdev) {
			memmove(&vdevs[i], &vdevs[i + 1],
				(nr_vdevs - i - 1) * sizeof(vdevs[0]));
			nr_vdevs--;
			break;
		}
	}
	/* The driver's remove. */
	vdev->config->del_vqs(vdev);
	vdev->config->reset(vdev);
	vdev->dev.registered = 0;
	put_device(&vdev->dev);
}

static void vq_done(struct virtqueue *vq)
{
	KSHIM_ASSERT(vq_is_live(vq), "callback of dead virtqueue %p", vq);
	nr_callbacks++;
}

/* ---------------------------------------------------------------------
 * Checks.
 */

/* The offsets of the vdev entries of the validated table, in order. */
static unsigned int vdev_entries[MAX_VDEVS];
static unsigned int nr_vdev_entries;

static const struct fw_rsc_vdev *entry_vdev(const u8 *t, unsigned int e)
{
	return (const void *)(t + entries[e].offset + 4);
}

/* Config space accesses around the bounds of the entry's config space. */
static void exercise_config(struct virtio_device *vdev, u8 *live,
			    const struct fw_rsc_vdev *checked, u32 body_off)
{
	static u8 buf[SZ_64K + 64];
	u64 cl = checked->config_len;
	u64 base = body_off + sizeof(*checked) +
		   (u64)checked->num_of_vrings * sizeof(checked->vring[0]);
	const u64 pairs[][2] = {
		{ 0, cl }, { 0, 1 }, { cl, 0 }, { cl, 1 }, { cl - 1, 1 },
		{ cl - 1, 2 }, { 0, cl + 1 }, { cl + 1, 0 }, { 1, cl },
		{ cl / 2, cl - cl / 2 }, { U32_MAX, 1 }, { U32_MAX, 2 },
		{ 1, U32_MAX }, { 4, 4 }, { 2, 8 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pairs); i++) {
		u64 off = pairs[i][0], len = pairs[i][1];
		bool ok = off <= cl && len <= cl - off;
		unsigned long errs;

		if (off > U32_MAX || len > U32_MAX || len > SZ_64K)
			continue;
		memset(buf, 0xee, len);
		errs = fuzz_errors();
		vdev->config->get(vdev, off, buf, len);
		KSHIM_ASSERT(fuzz_errors() - errs == !ok,
			     "get(%llu, %llu) of %llu config bytes: %lu errors",
			     off, len, cl, fuzz_errors() - errs);
		if (ok) {
			KSHIM_ASSERT(!len || !memcmp(buf, live + base + off, len),
				     "get(%llu, %llu) read elsewhere", off, len);
			memset(buf, 0x3c, len);
		} else {
			KSHIM_ASSERT(!len || (buf[0] == 0 && !memcmp(buf, buf + 1, len - 1)),
				     "refused get(%llu, %llu) left data", off, len);
		}
		errs = fuzz_errors();
		vdev->config->set(vdev, off, buf, len);
		KSHIM_ASSERT(fuzz_errors() - errs == !ok,
			     "set(%llu, %llu) of %llu config bytes: %lu errors",
			     off, len, cl, fuzz_errors() - errs);
		if (ok)
			KSHIM_ASSERT(!len || !memcmp(buf, live + base + off, len),
				     "set(%llu, %llu) wrote elsewhere", off, len);
	}
}

/* What a virtio driver does with the device, and a hostile remote. */
static void exercise_vdev(struct virtio_device *vdev, unsigned int n, u8 *live)
{
	const struct virtio_config_ops *c = vdev->config;
	unsigned int e = vdev_entries[n];
	u32 body_off = entries[e].offset + 4;
	const struct fw_rsc_vdev *checked = entry_vdev(table, e);
	struct fw_rsc_vdev *loaded = (void *)(live + body_off);
	unsigned int nvr = checked->num_of_vrings, i;
	struct virtqueue *vqs[RPROC_RSC_MAX_VRINGS + 1];
	vq_callback_t *cbs[RPROC_RSC_MAX_VRINGS + 2];
	const char *names[RPROC_RSC_MAX_VRINGS + 1];
	const char *vqs_named[RPROC_RSC_MAX_VRINGS + 2];
	struct virtqueue *vqs_all[RPROC_RSC_MAX_VRINGS + 2];
	int ret;

	KSHIM_ASSERT(vdev->id.device == checked->id, "vdev %u has id %u, entry %u",
		     n, vdev->id.device, checked->id);
	c->reset(vdev);
	c->set_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	c->set_status(vdev, c->get_status(vdev) | VIRTIO_CONFIG_S_DRIVER);
	vdev->features = c->get_features(vdev);
	KSHIM_ASSERT(vdev->features == loaded->dfeatures, "features %#llx",
		     (unsigned long long)vdev->features);
	c->finalize_features(vdev);
	KSHIM_ASSERT(loaded->gfeatures == (u32)vdev->features, "gfeatures %#x",
		     loaded->gfeatures);
	exercise_config(vdev, live, checked, body_off);

	/* One queue more than there are vrings: refused, nothing kept. */
	for (i = 0; i <= nvr; i++) {
		cbs[i] = vq_done;
		names[i] = i ? "output" : "input";
	}
	ret = c->find_vqs(vdev, nvr + 1, vqs, cbs, names, NULL, NULL);
	KSHIM_ASSERT(ret == -EINVAL, "find_vqs of %u queues on %u vrings: %d",
		     nvr + 1, nvr, ret);
	for (i = 0; i < MAX_VQS; i++)
		KSHIM_ASSERT(!live_vqs[i] || live_vqs[i]->vdev != vdev,
			     "a refused find_vqs left a queue");
	/* A queue without a name takes no vring. */
	vqs_named[0] = NULL;
	for (i = 0; i < nvr; i++)
		vqs_named[i + 1] = names[i];
	cbs[nvr] = vq_done;
	ret = c->find_vqs(vdev, nvr + 1, vqs_all, cbs, vqs_named, NULL, NULL);
	KSHIM_ASSERT(ret == 0 && !vqs_all[0], "find_vqs of %u queues: %d", nvr, ret);
	for (i = 0; i < nvr; i++)
		vqs[i] = vqs_all[i + 1];
	c->synchronize_cbs(vdev);
	for (i = 0; i < nvr; i++) {
		int id = loaded->vring[i].notifyid;
		bool (*notify)(struct virtqueue *vq) = vqs[i]->kshim;
		unsigned int kicks = nr_kicks, calls = nr_callbacks;

		KSHIM_ASSERT(vq_is_live(vqs[i]), "queue %u not live", i);
		KSHIM_ASSERT(vqs[i]->num_max == checked->vring[i].num,
			     "queue %u of %u descriptors, entry says %u", i,
			     vqs[i]->num_max, checked->vring[i].num);
		notify(vqs[i]);
		KSHIM_ASSERT(nr_kicks == kicks + 1, "no kick");
		KSHIM_ASSERT(rproc_vq_interrupt(&rproc, id) == IRQ_HANDLED &&
			     nr_callbacks == calls + 1,
			     "interrupt of notify id %d not delivered", id);
	}
	KSHIM_ASSERT(rproc_vq_interrupt(&rproc, -1) == IRQ_NONE &&
		     rproc_vq_interrupt(&rproc, rproc.max_notifyid + 1) == IRQ_NONE,
		     "interrupt for no vring handled");
	c->set_status(vdev, c->get_status(vdev) | VIRTIO_CONFIG_S_DRIVER_OK);

	/* The remote rewrites its entry: the counts must not be trusted. */
	loaded->num_of_vrings = 0xff;
	loaded->config_len = 0xffffffff;
	loaded->status = 0x0f;
	exercise_config(vdev, live, checked, body_off);
	(void)c->get_status(vdev);
}

/* Postconditions of a successful rproc_handle_resources(). */
static void check_handled(void)
{
	unsigned int i, n;

	nr_vdev_entries = 0;
	for (i = 0; i < MAX_ENTRIES && i < get_le32(table + 4); i++) {
		const struct model_entry *e = &entries[i];
		const struct fw_rsc_vdev *v;

		KSHIM_ASSERT(e->type != RSC_DEVMEM, "devmem entry %u accepted", i);
		if (e->type != RSC_VDEV)
			continue;
		v = entry_vdev(table, i);
		KSHIM_ASSERT(v->id == 7 || v->id == 11, "vdev id %u accepted", v->id);
		KSHIM_ASSERT(rproc.ops->kick, "vdev without a kick op");
		for (n = 0; n < v->num_of_vrings; n++) {
			const struct fw_rsc_vdev_vring *r = &v->vring[n];

			KSHIM_ASSERT(is_power_of_2(r->num) && r->num >= 2 &&
				     r->num <= 32768 && is_power_of_2(r->align) &&
				     r->align >= 4 && r->align <= PAGE_SIZE,
				     "vring %u: num %u align %u accepted", n,
				     r->num, r->align);
			KSHIM_ASSERT(r->da != (u32)FW_RSC_ADDR_ANY && r->da == r->pa,
				     "vring %u: da %#x pa %#x", n, r->da, r->pa);
			KSHIM_ASSERT(idr_find(&rproc.notifyids, r->notifyid),
				     "vring %u: notify id %u unknown", n,
				     r->notifyid);
			KSHIM_ASSERT((int)r->notifyid <= rproc.max_notifyid,
				     "notify id %u above max %d", r->notifyid,
				     rproc.max_notifyid);
		}
		KSHIM_ASSERT(nr_vdev_entries < MAX_VDEVS, "too many vdevs");
		vdev_entries[nr_vdev_entries++] = i;
	}
	KSHIM_ASSERT(rproc.nb_vdev == (int)nr_vdev_entries, "%d vdevs for %u entries",
		     rproc.nb_vdev, nr_vdev_entries);
}

/* Carveouts have their final addresses written back. */
static void check_carveouts(void)
{
	struct rproc_mem_entry *mem;

	list_for_each_entry(mem, &rproc.carveouts, node) {
		const struct fw_rsc_carveout *rsc;

		if (mem->rsc_offset == (u32)FW_RSC_ADDR_ANY)
			continue;
		KSHIM_ASSERT(mem->rsc_offset + sizeof(*rsc) <= rproc.table_sz,
			     "carveout entry at %u", mem->rsc_offset);
		rsc = (const void *)((u8 *)rproc.table_ptr + mem->rsc_offset);
		KSHIM_ASSERT(mem->va && rsc->da == mem->da && rsc->pa == mem->dma,
			     "carveout '%s': entry da %#x pa %#x, memory at %#x/%#llx",
			     mem->name, rsc->da, rsc->pa, mem->da,
			     (unsigned long long)mem->dma);
		memset(mem->va, 0, mem->len);
	}
}

static void check_nothing_left(long allocs)
{
	KSHIM_ASSERT(!rproc.table_ptr && !rproc.cached_table && !rproc.table_sz,
		     "table left");
	KSHIM_ASSERT(list_empty(&rproc.carveouts) && list_empty(&rproc.rvdevs) &&
		     list_empty(&rproc.traces) && list_empty(&rproc.subdevs),
		     "lists not empty");
	KSHIM_ASSERT(!rproc.notifyids.nr && rproc.max_notifyid == -1,
		     "notify ids left (max %d)", rproc.max_notifyid);
	KSHIM_ASSERT(!nr_vdevs && rproc.dev.refcount == 1,
		     "%u virtio devices left, rproc refcount %d", nr_vdevs,
		     rproc.dev.refcount);
	KSHIM_ASSERT(!kshim_dma_live, "%d DMA allocations left", kshim_dma_live);
	KSHIM_ASSERT(kshim_live_allocs == allocs, "%ld allocations leaked",
		     kshim_live_allocs - allocs);
}

/* ---------------------------------------------------------------------
 * The target.
 */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	local_mem = malloc(LOCAL_SIZE);
	shared_mem = malloc(SHARED_SIZE);
	parent.init_name = "ivshmem-rproc";
	parent.dma_mask = &parent_dma_mask;
	parent.coherent_dma_mask = DMA_BIT_MASK(32);
	device_initialize(&parent);
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct rproc_subdev *subdev;
	long allocs = kshim_live_allocs;
	bool model_ok, start_failed = false;
	u8 *live;
	int ret;

	ctl = size ? data[size - 1] : 0;
	kshim_alloc_fail_at = 0;
	memset(&ops, 0, sizeof(ops));
	ops.da_to_va = fake_da_to_va;
	ops.handle_rsc = fake_handle_rsc;
	if (!(ctl & CTL_NO_KICK))
		ops.kick = fake_kick;
	fuzz_rproc_init(&rproc, &ops);
	rproc.dev.parent = &parent;
	nr_kicks = 0;
	nr_callbacks = 0;
	kshim_dma_fail_next = !!(ctl & CTL_DMA_FAILS);
	kshim_pdev_add_error = ctl & CTL_PDEV_FAILS ? -ENOMEM : 0;
	memset(local_mem, 0, LOCAL_SIZE);
	kshim_log_reset();

	mutex_lock(&rproc.lock);

	/* &rproc_ops.prepare: a region of the platform, by name. */
	if (!(ctl & CTL_NO_PLATFORM_MEM)) {
		struct rproc_mem_entry *mem;

		mem = rproc_mem_entry_init(&parent, shared_mem, SHARED_DA,
					   SHARED_SIZE, SHARED_DA, NULL, NULL,
					   "vdev0buffer");
		rproc_add_carveout(&rproc, mem);
	}

	/* &rproc_ops.parse_fw: the kernel's copy of the table. */
	table = kmemdup(data, size, GFP_KERNEL);
	table_size = size;
	rproc.cached_table = (void *)table;
	rproc.table_ptr = rproc.cached_table;
	rproc.table_sz = size;
	model_ok = model_rsc_table_ok(data, size, entries, MAX_ENTRIES);

	kshim_alloc_nr = 0;
	kshim_alloc_fail_at = ctl & CTL_ALLOC_FAILS && size > 1 ?
			      1 + data[size - 2] % 32 : 0;
	failures_seen = kshim_alloc_failures;
	ret = rproc_handle_resources(&rproc);
	if (!model_ok)
		KSHIM_ASSERT(ret == -EINVAL && fuzz_errors() == 1,
			     "bad table: %d, %lu errors", ret, fuzz_errors());
	check_step("handle_resources", ret);
	if (ret)
		goto err_discard;
	check_handled();

	kshim_log_reset();
	ret = rproc_alloc_carveouts(&rproc);
	check_step("alloc_carveouts", ret);
	if (ret)
		goto err_discard;
	check_carveouts();

	kshim_log_reset();
	ret = rproc_handle_traces(&rproc);
	check_step("handle_traces", ret);
	if (ret)
		goto err_release;

	/* Loaded: the table in use is now the remote's copy. */
	live = malloc(size);
	memcpy(live, rproc.cached_table, size);
	rproc.table_ptr = (void *)live;

	/* The remote runs: subdevices start, drivers use the devices. */
	list_for_each_entry(subdev, &rproc.subdevs, node) {
		if (!subdev->start)
			continue;
		ret = subdev->start(subdev);
		if (ret) {
			KSHIM_ASSERT((ctl & CTL_REGISTER_FAILS) || alloc_failed(),
				     "subdevice start: %d", ret);
			start_failed = true;
		}
	}
	kshim_alloc_fail_at = 0;
	KSHIM_ASSERT(start_failed || nr_vdevs == nr_vdev_entries,
		     "%u virtio devices for %u entries", nr_vdevs,
		     nr_vdev_entries);
	if (!start_failed) {
		unsigned int i;

		kshim_log_reset();
		for (i = 0; i < nr_vdevs; i++)
			exercise_vdev(vdevs[i], i, live);
	}
	list_for_each_entry_reverse(subdev, &rproc.subdevs, node) {
		if (subdev->stop)
			subdev->stop(subdev, false);
	}

	rproc_release_resources(&rproc);
	free(live);
	mutex_unlock(&rproc.lock);
	check_nothing_left(allocs);
	return 0;

err_release:
	rproc_release_resources(&rproc);
	mutex_unlock(&rproc.lock);
	check_nothing_left(allocs);
	return 0;

err_discard:
	rproc_discard_resources(&rproc);
	mutex_unlock(&rproc.lock);
	check_nothing_left(allocs);
	return 0;
}
