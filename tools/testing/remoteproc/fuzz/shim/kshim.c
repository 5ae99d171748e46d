// SPDX-License-Identifier: GPL-2.0
/*
 * kshim.c - the out-of-line part of the kernel shim (see kshim.h).
 */

#include <stdio.h>

#include <kshim.h>
#include <linux/dma-mapping.h>
#include <linux/platform_device.h>
#include <linux/virtio.h>
#include <linux/virtio_ring.h>

/* ---------------------------------------------------------------------
 * printk: every message is formatted (so that its arguments are read as
 * the kernel would read them: a "%s" of a name without its NUL is an
 * overread ASan reports), counted, and printed with KSHIM_LOG=1.
 */

unsigned long kshim_log_count[KSHIM_NR_LEVELS];

struct kshim_out {
	char *buf;
	size_t len;
	size_t cap;
};

static void out_addf(struct kshim_out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len = min(o->len + (size_t)n, o->cap - 1);
}

/* The kernel's %p extensions the fuzzed files use: %*ph, %pad, %pa. */
static const char *kshim_fmt_pointer(struct kshim_out *o, const char *f,
				     int width, bool has_width, va_list *ap)
{
	const u8 *p = va_arg(*ap, const void *);
	int i, n;

	if (*f == 'h') {
		f++;
		if (*f == 'C' || *f == 'D' || *f == 'N')
			f++;
		n = has_width ? width : 1;
		for (i = 0; i < n && i < 64; i++)
			out_addf(o, i ? " %02x" : "%02x", p[i]);
		return f;
	}
	if (f[0] == 'a' && f[1] == 'd') {
		out_addf(o, "0x%016llx", (unsigned long long)*(const dma_addr_t *)p);
		return f + 2;
	}
	if (f[0] == 'a') {
		f += (f[1] == 'p') ? 2 : 1;
		out_addf(o, "0x%016llx", (unsigned long long)*(const phys_addr_t *)p);
		return f;
	}
	/* Any other extension: skip its letters, print the pointer. */
	while ((*f >= 'a' && *f <= 'z') || (*f >= 'A' && *f <= 'Z'))
		f++;
	out_addf(o, "%p", p);
	return f;
}

static void kshim_vformat(struct kshim_out *o, const char *fmt, va_list ap0)
{
	const char *f = fmt;
	va_list ap;

	va_copy(ap, ap0);
	while (*f && o->len < o->cap - 1) {
		char spec[32], len1 = 0, len2 = 0;
		int star[2], nstar = 0, width = 0;
		bool has_width = false;
		size_t sl = 0;

		if (*f != '%') {
			o->buf[o->len++] = *f++;
			continue;
		}
		spec[sl++] = *f++;
		if (*f == '%') {
			o->buf[o->len++] = *f++;
			continue;
		}
		while (*f && strchr("-+ #0", *f) && sl < 8)
			spec[sl++] = *f++;
		if (*f == '*') {
			width = star[nstar++] = va_arg(ap, int);
			has_width = true;
			spec[sl++] = *f++;
		}
		while (*f >= '0' && *f <= '9' && sl < 16) {
			has_width = true;
			width = width * 10 + (*f - '0');
			spec[sl++] = *f++;
		}
		if (*f == '.') {
			spec[sl++] = *f++;
			if (*f == '*') {
				star[nstar++] = va_arg(ap, int);
				spec[sl++] = *f++;
			}
			while (*f >= '0' && *f <= '9' && sl < 24)
				spec[sl++] = *f++;
		}
		if (*f && strchr("hlzjt", *f)) {
			len1 = *f;
			spec[sl++] = *f++;
			if ((len1 == 'h' || len1 == 'l') && *f == len1) {
				len2 = *f;
				spec[sl++] = *f++;
			}
		}
		if (!*f)
			break;
		spec[sl++] = *f;
		spec[sl] = '\0';

#define EMIT(val) do {							\
	if (nstar == 2)							\
		out_addf(o, spec, star[0], star[1], val);		\
	else if (nstar == 1)						\
		out_addf(o, spec, star[0], val);			\
	else								\
		out_addf(o, spec, val);					\
} while (0)

		switch (*f++) {
		case 'd':
		case 'i':
			if (len1 == 'l' && len2)
				EMIT(va_arg(ap, long long));
			else if (len1 == 'l' || len1 == 'z' || len1 == 't' ||
				 len1 == 'j')
				EMIT(va_arg(ap, long));
			else
				EMIT(va_arg(ap, int));
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (len1 == 'l' && len2)
				EMIT(va_arg(ap, unsigned long long));
			else if (len1 == 'l' || len1 == 'z' || len1 == 't' ||
				 len1 == 'j')
				EMIT(va_arg(ap, unsigned long));
			else
				EMIT(va_arg(ap, unsigned int));
			break;
		case 'c':
			EMIT(va_arg(ap, int));
			break;
		case 's':
			EMIT(va_arg(ap, const char *));
			break;
		case 'p':
			f = kshim_fmt_pointer(o, f, width, has_width, &ap);
			break;
		default:
			kshim_fatal(__FILE__, __LINE__,
				    "unsupported printk conversion in \"%s\"",
				    fmt);
		}
#undef EMIT
	}
	o->buf[o->len] = '\0';
	va_end(ap);
}

static int kshim_log_verbose = -1;

void kshim_log(enum kshim_level level, const struct device *dev,
	       const char *fmt, ...)
{
	static const char * const names[] = { "dbg", "info", "warn", "err" };
	char buf[1024];
	struct kshim_out o = { buf, 0, sizeof(buf) };
	va_list ap;

	kshim_log_count[level]++;
	va_start(ap, fmt);
	kshim_vformat(&o, fmt, ap);
	va_end(ap);

	if (kshim_log_verbose < 0) {
		const char *env = getenv("KSHIM_LOG");

		kshim_log_verbose = env && *env == '1';
	}
	if (kshim_log_verbose)
		fprintf(stderr, "[%s] %s: %s", names[level],
			dev ? dev_name(dev) : "kernel", buf);
}

void kshim_log_reset(void)
{
	memset(kshim_log_count, 0, sizeof(kshim_log_count));
}

void kshim_fatal(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kshim: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* ---------------------------------------------------------------------
 * Memory.
 */

long kshim_live_allocs;
unsigned long kshim_alloc_nr;
unsigned long kshim_alloc_fail_at;
unsigned long kshim_alloc_failures;

void *kmalloc(size_t size, gfp_t gfp)
{
	void *p;

	if (kshim_alloc_fail_at && ++kshim_alloc_nr == kshim_alloc_fail_at) {
		kshim_alloc_failures++;
		return NULL;
	}
	/* Like ZERO_SIZE_PTR: ASan's malloc(0) has no byte to touch. */
	p = malloc(size);
	if (!p)
		return NULL;
	kshim_live_allocs++;
	if (gfp & __GFP_ZERO)
		memset(p, 0, size);
	return p;
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (check_mul_overflow(n, size, &bytes))
		return NULL;
	return kzalloc(bytes, gfp);
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	return s ? kmemdup(s, strlen(s) + 1, gfp) : NULL;
}

void kfree(const void *p)
{
	if (!p)
		return;
	kshim_live_allocs--;
	free((void *)p);
}

/* The kernel's strscpy(): always terminated, -E2BIG when truncated. */
ssize_t strscpy(char *dst, const char *src, size_t count)
{
	size_t len;

	if (!count)
		return -E2BIG;
	len = strnlen(src, count);
	if (len == count) {
		memcpy(dst, src, count - 1);
		dst[count - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

/* ---------------------------------------------------------------------
 * idr: ids in ascending order in a growing array.
 */

void idr_init(struct idr *idr)
{
	memset(idr, 0, sizeof(*idr));
}

void idr_destroy(struct idr *idr)
{
	free(idr->slots);
	memset(idr, 0, sizeof(*idr));
}

/* Index of the first slot whose id is >= @id. */
static int idr_lower_bound(const struct idr *idr, long id)
{
	int lo = 0, hi = idr->nr;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (idr->slots[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	long id = start, last = end > 0 ? (long)end - 1 : INT_MAX;
	int i;

	KSHIM_ASSERT(start >= 0, "idr_alloc with a negative start");
	for (i = idr_lower_bound(idr, id); i < idr->nr; i++) {
		if (idr->slots[i].id != id)
			break;
		id++;
	}
	if (id > last)
		return -ENOSPC;
	if (idr->nr == idr->cap) {
		int cap = idr->cap ? 2 * idr->cap : 8;
		void *slots = realloc(idr->slots, cap * sizeof(*idr->slots));

		if (!slots)
			return -ENOMEM;
		idr->slots = slots;
		idr->cap = cap;
	}
	memmove(&idr->slots[i + 1], &idr->slots[i],
		(idr->nr - i) * sizeof(*idr->slots));
	idr->slots[i].id = id;
	idr->slots[i].ptr = ptr;
	idr->nr++;
	return id;
}

void *idr_find(const struct idr *idr, unsigned long id)
{
	int i;

	if (id > INT_MAX)
		return NULL;
	i = idr_lower_bound(idr, id);
	return i < idr->nr && idr->slots[i].id == (long)id ?
	       idr->slots[i].ptr : NULL;
}

void *idr_remove(struct idr *idr, unsigned long id)
{
	void *ptr;
	int i;

	if (id > INT_MAX)
		return NULL;
	i = idr_lower_bound(idr, id);
	if (i >= idr->nr || idr->slots[i].id != (long)id)
		return NULL;
	ptr = idr->slots[i].ptr;
	memmove(&idr->slots[i], &idr->slots[i + 1],
		(idr->nr - i - 1) * sizeof(*idr->slots));
	if (!--idr->nr) {
		/* The kernel's idr frees its nodes as they empty: no leak. */
		free(idr->slots);
		idr->slots = NULL;
		idr->cap = 0;
	}
	return ptr;
}

void *idr_get_next(struct idr *idr, int *nextid)
{
	int i = idr_lower_bound(idr, *nextid);

	if (i >= idr->nr)
		return NULL;
	*nextid = idr->slots[i].id;
	return idr->slots[i].ptr;
}

/* ---------------------------------------------------------------------
 * Devices: a reference count; the last put_device() calls the release.
 */

struct device *get_device(struct device *dev)
{
	if (dev) {
		KSHIM_ASSERT(dev->refcount > 0, "get_device on a dead device");
		dev->refcount++;
	}
	return dev;
}

void put_device(struct device *dev)
{
	if (!dev)
		return;
	KSHIM_ASSERT(dev->refcount > 0, "put_device on a dead device");
	if (--dev->refcount)
		return;
	KSHIM_ASSERT(!dev->registered, "last reference of a registered device");
	KSHIM_ASSERT(dev->release, "device without a release function");
	dev->release(dev);
}

void device_initialize(struct device *dev)
{
	dev->refcount = 1;
}

const char *dev_name(const struct device *dev)
{
	return dev->init_name ? dev->init_name : "kshim-dev";
}

int dev_set_name(struct device *dev, const char *fmt, ...)
{
	return 0;
}

/* ---------------------------------------------------------------------
 * Platform devices.
 */

int kshim_pdev_add_error;

struct kshim_pdev {
	struct platform_device pdev;
	char name[32];
};

static void kshim_pdev_release(struct device *dev)
{
	kfree(container_of(to_platform_device(dev), struct kshim_pdev, pdev));
}

struct platform_device *platform_device_alloc(const char *name, int id)
{
	struct kshim_pdev *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->pdev.name = p->name;
	p->pdev.id = id;
	p->pdev.dev.init_name = p->name;
	p->pdev.dev.dma_mask = &p->pdev.platform_dma_mask;
	p->pdev.dev.release = kshim_pdev_release;
	device_initialize(&p->pdev.dev);
	return &p->pdev;
}

int platform_device_add(struct platform_device *pdev)
{
	int err = kshim_pdev_add_error;

	kshim_pdev_add_error = 0;
	if (err)
		return err;
	KSHIM_ASSERT(!pdev->dev.registered, "platform device added twice");
	pdev->dev.registered = 1;
	return 0;
}

void platform_device_del(struct platform_device *pdev)
{
	KSHIM_ASSERT(pdev->dev.registered, "deleting an unregistered device");
	pdev->dev.registered = 0;
}

void platform_device_put(struct platform_device *pdev)
{
	if (pdev)
		put_device(&pdev->dev);
}

void platform_device_unregister(struct platform_device *pdev)
{
	platform_device_del(pdev);
	platform_device_put(pdev);
}

/* ---------------------------------------------------------------------
 * Coherent DMA memory.
 */

#define KSHIM_DMA_SLOTS 64

static struct {
	void *va;
	size_t size;
	dma_addr_t dma;
} kshim_dma[KSHIM_DMA_SLOTS];

int kshim_dma_live;
int kshim_dma_fail_next;
static dma_addr_t kshim_dma_next = KSHIM_DMA_BASE;

void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma,
			 gfp_t gfp)
{
	int i;

	if (kshim_dma_fail_next) {
		kshim_dma_fail_next = 0;
		return NULL;
	}
	if (!size || size > SZ_256K)
		return NULL;
	for (i = 0; i < KSHIM_DMA_SLOTS; i++) {
		if (kshim_dma[i].va)
			continue;
		kshim_dma[i].va = malloc(size);
		if (!kshim_dma[i].va)
			return NULL;
		memset(kshim_dma[i].va, 0, size);
		kshim_dma[i].size = size;
		kshim_dma[i].dma = kshim_dma_next;
		kshim_dma_next += PAGE_ALIGN(size);
		*dma = kshim_dma[i].dma;
		kshim_dma_live++;
		return kshim_dma[i].va;
	}
	return NULL;
}

void dma_free_coherent(struct device *dev, size_t size, void *va,
		       dma_addr_t dma)
{
	int i;

	for (i = 0; i < KSHIM_DMA_SLOTS; i++) {
		if (kshim_dma[i].va != va)
			continue;
		KSHIM_ASSERT(kshim_dma[i].size == size && kshim_dma[i].dma == dma,
			     "dma_free_coherent(%zu, %#llx) of an allocation of %zu bytes at %#llx",
			     size, (unsigned long long)dma, kshim_dma[i].size,
			     (unsigned long long)kshim_dma[i].dma);
		free(va);
		kshim_dma[i].va = NULL;
		kshim_dma_live--;
		if (!kshim_dma_live)
			kshim_dma_next = KSHIM_DMA_BASE;
		return;
	}
	kshim_fatal(__FILE__, __LINE__, "dma_free_coherent of unknown memory %p",
		    va);
}

/* ---------------------------------------------------------------------
 * Time and work.
 */

unsigned long jiffies = 100000;
static struct workqueue_struct kshim_wq;
struct workqueue_struct *system_wq = &kshim_wq;
struct workqueue_struct *system_highpri_wq = &kshim_wq;

bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	if (work->pending)
		return false;
	work->pending = 1;
	return true;
}

/* ---------------------------------------------------------------------
 * What no target expects unless it says so: weak, aborting stubs.
 */

#define KSHIM_STUB(ret, name, args)					\
	__attribute__((__weak__)) ret name args				\
	{								\
		kshim_unexpected(#name);				\
	}

KSHIM_STUB(int, virtqueue_add_outbuf, (struct virtqueue *vq,
	   struct scatterlist sg[], unsigned int num, void *data, gfp_t gfp))
KSHIM_STUB(int, virtqueue_add_inbuf, (struct virtqueue *vq,
	   struct scatterlist sg[], unsigned int num, void *data, gfp_t gfp))
KSHIM_STUB(bool, virtqueue_kick, (struct virtqueue *vq))
KSHIM_STUB(bool, virtqueue_kick_prepare, (struct virtqueue *vq))
KSHIM_STUB(bool, virtqueue_notify, (struct virtqueue *vq))
KSHIM_STUB(void *, virtqueue_get_buf, (struct virtqueue *vq, unsigned int *len))
KSHIM_STUB(void, virtqueue_disable_cb, (struct virtqueue *vq))
KSHIM_STUB(bool, virtqueue_enable_cb, (struct virtqueue *vq))
KSHIM_STUB(bool, virtqueue_is_broken, (struct virtqueue *vq))
KSHIM_STUB(unsigned int, virtqueue_get_vring_size, (struct virtqueue *vq))
KSHIM_STUB(int, register_virtio_device, (struct virtio_device *dev))
KSHIM_STUB(void, unregister_virtio_device, (struct virtio_device *dev))
KSHIM_STUB(struct virtqueue *, vring_new_virtqueue, (unsigned int index,
	   unsigned int num, unsigned int vring_align,
	   struct virtio_device *vdev, bool weak_barriers, bool ctx,
	   void *pages, bool (*notify)(struct virtqueue *vq),
	   void (*callback)(struct virtqueue *vq), const char *name))
KSHIM_STUB(void, vring_del_virtqueue, (struct virtqueue *vq))
KSHIM_STUB(void, vring_transport_features, (struct virtio_device *vdev))
KSHIM_STUB(irqreturn_t, vring_interrupt, (int irq, void *vq))
