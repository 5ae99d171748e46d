// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor driver for the emulated AMP platform.
 *
 * The "remote processor" is a host process, the emulator rproc-emu, that
 * QEMU reaches as the peer of an ivshmem-doorbell PCI device (1af4:1110).
 * From the guest the platform looks like this:
 *
 *  - BAR0 holds the ivshmem registers.  Only Doorbell is used: writing
 *    (peer << 16) | vector to it signals that vector of that peer.
 *  - BAR2 is the remote's local memory, seen by the remote at device
 *    address %IVRP_LOCAL_DA.  Its first page is the control page
 *    (&struct ivrp_ctrl); firmware is loaded above it, from %IVRP_LOAD_DA.
 *    It is plain shared memory, so it is mapped write-back and handed to
 *    the framework as ordinary kernel memory.
 *  - The last MiB of BAR2 is offered to firmware as the carveout
 *    "ivshmem-sram": a carveout entry of that name in the resource table
 *    binds to it instead of asking for guest memory.
 *  - Three MSI-X vectors (&enum ivrp_vector) come back from the emulator:
 *    CTRL acknowledges a command, VRING says "look at your vrings" and
 *    CRASH reports that the firmware died.
 *
 * A remote the emulator started by itself before Linux ran (as a bootloader
 * would) is attached to rather than loaded: the control page says where
 * its resource table is.
 *
 * Commands (start, stop) follow a sequence-number handshake: the driver
 * fills in the command, publishes it by bumping cmd_seq and rings CTRL;
 * the emulator answers by copying cmd_seq into ack_seq and ringing CTRL
 * back.  Only one command is in flight at a time.
 *
 * Everything the emulator writes into the control page is treated as
 * untrusted input: it is bounded before use and only ever read with
 * single accesses.
 *
 * The driver uses nothing but the Linux 6.1 platform-driver API of the
 * remoteproc framework, so the same file builds against either
 * implementation.
 */

#include <linux/completion.h>
#include <linux/dma-mapping.h>
#include <linux/elf.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/remoteproc.h>
#include <linux/remoteproc/ivshmem_rproc.h>
#include <linux/sizes.h>

#include "remoteproc_internal.h"

#define IVRP_DRV_NAME		"ivshmem_rproc"
#define IVRP_RPROC_NAME		"ivshmem-rproc"

#define IVRP_PCI_DEVICE_ID	0x1110

/* ivshmem registers in BAR0; with MSI-X only Doorbell matters */
#define IVRP_REG_INTR_MASK	0x00
#define IVRP_REG_INTR_STATUS	0x04
#define IVRP_REG_IV_POSITION	0x08
#define IVRP_REG_DOORBELL	0x0c
#define IVRP_REGS_MIN_SIZE	0x10

/* BAR indexes of the ivshmem-doorbell device */
#define IVRP_BAR_REGS		0
#define IVRP_BAR_MEM		2

/* ivshmem peer ids are 16 bits wide in the doorbell register */
#define IVRP_PEER_MASK		0xffff
#define IVRP_PEER_SHIFT		16

/* device addresses are 32 bits: local memory must end at 4 GiB at most */
#define IVRP_LOCAL_MAX_SIZE	(SZ_4G - IVRP_LOCAL_DA)

#define IVRP_SRAM_NAME		"ivshmem-sram"
#define IVRP_SRAM_SIZE		SZ_1M

#define IVRP_CMD_TIMEOUT_MS	5000

static char *firmware = "rproc-emu-fw.elf";
module_param(firmware, charp, 0444);
MODULE_PARM_DESC(firmware, "Firmware file booted on the remote (default: rproc-emu-fw.elf)");

static bool auto_boot = true;
module_param(auto_boot, bool, 0444);
MODULE_PARM_DESC(auto_boot, "Boot the remote as soon as the driver binds (default: true)");

/**
 * struct ivrp - state of one emulated remote processor
 * @pdev: the ivshmem PCI device
 * @rproc: the remote processor registered with the framework
 * @regs: BAR0, the ivshmem registers
 * @ctrl: the control page, at the start of BAR2
 * @mem: BAR2 mapped write-back; device address %IVRP_LOCAL_DA
 * @mem_phys: CPU physical address of BAR2
 * @local_size: size of BAR2, checked against the control page at probe
 *		and never re-read from it
 * @cmd_lock: serialises commands: held from writing &ivrp_ctrl.cmd until
 *	      the acknowledgment (or the timeout)
 * @cmd_done: completed by the CTRL interrupt; a hint only, the waiter
 *	      always re-checks &ivrp_ctrl.ack_seq
 * @removing: set by remove before the remote is shut down for good; a stop
 *	      that times out then counts as done
 */
struct ivrp {
	struct pci_dev *pdev;
	struct rproc *rproc;
	void __iomem *regs;
	struct ivrp_ctrl *ctrl;
	void *mem;
	phys_addr_t mem_phys;
	u32 local_size;
	struct mutex cmd_lock;	/* one command in flight (see above) */
	struct completion cmd_done;
	bool removing;
};

/* ------------------------------------------------------------------------
 * Talking to the emulator
 */

/* Signal @vector of the emulator.  Any context. */
static void ivrp_ring(struct ivrp *ivrp, enum ivrp_vector vector)
{
	u32 peer = READ_ONCE(ivrp->ctrl->emu_peer) & IVRP_PEER_MASK;

	/* writel() orders the control page stores before the doorbell */
	writel(peer << IVRP_PEER_SHIFT | vector,
	       ivrp->regs + IVRP_REG_DOORBELL);
}

static const char *ivrp_cmd_name(enum ivrp_cmd cmd)
{
	switch (cmd) {
	case IVRP_CMD_START:
		return "start";
	case IVRP_CMD_STOP:
		return "stop";
	default:
		return "none";
	}
}

static int ivrp_result_to_errno(u32 result)
{
	switch (result) {
	case IVRP_OK:
		return 0;
	case IVRP_EBUSY:
		return -EBUSY;
	case IVRP_EINVAL:
		return -EINVAL;
	default:
		/* IVRP_EIO, and anything the emulator should not have said */
		return -EIO;
	}
}

/**
 * ivrp_wait_ack() - wait until the emulator acknowledges a command
 * @ivrp: the remote
 * @seq: sequence number of the command
 *
 * The CTRL interrupt only says that *some* acknowledgment arrived: a late
 * answer to a command that timed out earlier completes @ivrp->cmd_done as
 * well.  So the completion is just a wake-up and &ivrp_ctrl.ack_seq decides.
 *
 * Context: process context, may sleep; @ivrp->cmd_lock held.
 * Return: true if @seq was acknowledged within %IVRP_CMD_TIMEOUT_MS.
 */
static bool ivrp_wait_ack(struct ivrp *ivrp, u32 seq)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(IVRP_CMD_TIMEOUT_MS);
	unsigned long now;

	lockdep_assert_held(&ivrp->cmd_lock);

	for (;;) {
		if (READ_ONCE(ivrp->ctrl->ack_seq) == seq)
			return true;
		now = jiffies;
		if (time_after_eq(now, deadline))
			return false;
		wait_for_completion_timeout(&ivrp->cmd_done, deadline - now);
	}
}

/**
 * ivrp_command() - run a command on the emulator and wait for its result
 * @ivrp: the remote
 * @cmd: the command
 * @boot_addr: entry point for %IVRP_CMD_START, ignored otherwise
 *
 * Publishes @cmd with the next sequence number, rings CTRL and waits up to
 * %IVRP_CMD_TIMEOUT_MS for the acknowledgment.
 *
 * Context: process context, may sleep.
 * Return: 0 on success, -EBUSY, -EINVAL or -EIO as answered by the
 * emulator, -ETIMEDOUT if it did not answer.
 */
static int ivrp_command(struct ivrp *ivrp, enum ivrp_cmd cmd, u64 boot_addr)
{
	struct device *dev = &ivrp->pdev->dev;
	struct ivrp_ctrl *ctrl = ivrp->ctrl;
	u32 seq, result;
	int ret;

	mutex_lock(&ivrp->cmd_lock);

	seq = READ_ONCE(ctrl->cmd_seq) + 1;
	reinit_completion(&ivrp->cmd_done);

	if (cmd == IVRP_CMD_START)
		WRITE_ONCE(ctrl->boot_addr, boot_addr);
	WRITE_ONCE(ctrl->cmd, cmd);
	/* the emulator must see the command before the new sequence number */
	virt_wmb();
	WRITE_ONCE(ctrl->cmd_seq, seq);

	ivrp_ring(ivrp, IVRP_VEC_CTRL);

	if (!ivrp_wait_ack(ivrp, seq)) {
		dev_err(dev, "emulator did not answer the %s command (seq %u) within %u ms\n",
			ivrp_cmd_name(cmd), seq, IVRP_CMD_TIMEOUT_MS);
		ret = -ETIMEDOUT;
		goto out_unlock;
	}

	/* read the result only after seeing our acknowledgment */
	virt_rmb();
	result = READ_ONCE(ctrl->cmd_result);
	ret = ivrp_result_to_errno(result);
	if (ret)
		dev_warn(dev, "emulator refused the %s command: result %u\n",
			 ivrp_cmd_name(cmd), result);

out_unlock:
	mutex_unlock(&ivrp->cmd_lock);
	return ret;
}

/* ------------------------------------------------------------------------
 * rproc_ops
 */

/**
 * ivrp_prepare() - offer the SRAM carveout to the firmware
 * @rproc: the remote
 *
 * The framework frees every registered carveout entry when the remote stops
 * or is detached from, and when the boot or attach fails, so the entry for
 * the last MiB of BAR2 is registered anew before each boot.  It needs no
 * alloc or release: the memory is always mapped.
 *
 * Context: process context, the framework's lock for @rproc held (it guards
 * &rproc.carveouts).
 * Return: 0 on success, -ENOMEM.
 */
static int ivrp_prepare(struct rproc *rproc)
{
	struct ivrp *ivrp = rproc->priv;
	u32 offset = ivrp->local_size - IVRP_SRAM_SIZE;
	struct rproc_mem_entry *mem;

	mem = rproc_mem_entry_init(&rproc->dev, ivrp->mem + offset,
				   ivrp->mem_phys + offset,
				   IVRP_SRAM_SIZE, IVRP_LOCAL_DA + offset,
				   NULL, NULL, IVRP_SRAM_NAME);
	if (!mem)
		return -ENOMEM;

	rproc_add_carveout(rproc, mem);
	return 0;
}

static int ivrp_start(struct rproc *rproc)
{
	return ivrp_command(rproc->priv, IVRP_CMD_START, rproc->bootaddr);
}

/**
 * ivrp_stop() - stop the remote core
 * @rproc: the remote
 *
 * The emulator accepts a stop whatever the state of the core.  When the
 * driver is being removed and the emulator does not answer, the emulator is
 * taken to be gone, core included, so that the framework can release
 * everything the remote used.
 *
 * Context: process context, may sleep.
 * Return: 0 on success or a negative errno from ivrp_command().
 */
static int ivrp_stop(struct rproc *rproc)
{
	struct ivrp *ivrp = rproc->priv;
	int ret;

	ret = ivrp_command(ivrp, IVRP_CMD_STOP, 0);
	if (ret == -ETIMEDOUT && READ_ONCE(ivrp->removing)) {
		dev_warn(&ivrp->pdev->dev, "removing anyway: the remote is presumed stopped\n");
		ret = 0;
	}
	return ret;
}

/*
 * One doorbell covers every vring: the emulator looks at all of them.  A
 * register write, so any context will do, as &rproc_ops.kick requires.
 */
static void ivrp_kick(struct rproc *rproc, int vqid)
{
	ivrp_ring(rproc->priv, IVRP_VEC_VRING);
}

/**
 * ivrp_da_to_va() - translate a device address range of the local memory
 * @rproc: the remote
 * @da: device address
 * @len: length of the range, 0 allowed
 * @is_iomem: set to false when not NULL: BAR2 is mapped as plain memory
 *
 * Only [%IVRP_LOAD_DA, %IVRP_LOCAL_DA + local size) translates: the control
 * page belongs to the driver and guest RAM is not the remote's to hand out.
 *
 * Context: any context.
 * Return: kernel address of @da, or NULL unless the whole range (@da itself
 * when @len is 0) lies in local memory.
 */
static void *ivrp_da_to_va(struct rproc *rproc, u64 da, size_t len,
			   bool *is_iomem)
{
	struct ivrp *ivrp = rproc->priv;
	u64 end = (u64)IVRP_LOCAL_DA + ivrp->local_size;

	if (da < IVRP_LOAD_DA || da >= end || len > end - da)
		return NULL;

	if (is_iomem)
		*is_iomem = false;
	return ivrp->mem + (da - IVRP_LOCAL_DA);
}

/*
 * Attaching needs nothing from the emulator: the core runs on its own.
 * It must still be running, though, or there is nothing to attach to.
 */
static int ivrp_attach(struct rproc *rproc)
{
	struct ivrp *ivrp = rproc->priv;
	u32 state = READ_ONCE(ivrp->ctrl->state);

	if (state != IVRP_STATE_RUNNING) {
		dev_err(&ivrp->pdev->dev, "cannot attach: the remote is not running (state %u)\n",
			state);
		return -ENODEV;
	}
	return 0;
}

/* Detaching leaves the core running: nothing to tell the emulator. */
static int ivrp_detach(struct rproc *rproc)
{
	return 0;
}

/**
 * ivrp_get_loaded_rsc_table() - the table of firmware the emulator started
 * @rproc: the remote
 * @size: set to the size of the table
 *
 * The emulator publishes where the table of a firmware it started by itself
 * lies (--preboot); it must lie entirely in loadable local memory.
 *
 * Context: process context.
 * Return: the table, NULL when there is none, or ERR_PTR(-EINVAL).
 */
static struct resource_table *ivrp_get_loaded_rsc_table(struct rproc *rproc,
							size_t *size)
{
	struct ivrp *ivrp = rproc->priv;
	u32 da = READ_ONCE(ivrp->ctrl->rsc_da);
	u32 len = READ_ONCE(ivrp->ctrl->rsc_size);
	void *va;

	if (!len)
		return NULL;

	va = ivrp_da_to_va(rproc, da, len, NULL);
	if (!va) {
		dev_err(&ivrp->pdev->dev, "resource table at da %#x, %u bytes, is not in local memory\n",
			da, len);
		return ERR_PTR(-EINVAL);
	}
	*size = len;
	return va;
}

static const struct rproc_ops ivrp_ops = {
	.prepare	= ivrp_prepare,
	.start		= ivrp_start,
	.stop		= ivrp_stop,
	.attach		= ivrp_attach,
	.detach		= ivrp_detach,
	.kick		= ivrp_kick,
	.da_to_va	= ivrp_da_to_va,
	.get_loaded_rsc_table = ivrp_get_loaded_rsc_table,
};

/* ------------------------------------------------------------------------
 * Interrupts
 */

static irqreturn_t ivrp_ctrl_irq(int irq, void *data)
{
	struct ivrp *ivrp = data;

	complete(&ivrp->cmd_done);
	return IRQ_HANDLED;
}

/* Threaded: the virtio drivers' callbacks may sleep. */
static irqreturn_t ivrp_vring_thread(int irq, void *data)
{
	struct ivrp *ivrp = data;
	struct rproc *rproc = ivrp->rproc;
	int max = READ_ONCE(rproc->max_notifyid);
	int id;

	for (id = 0; id <= max; id++)
		rproc_vq_interrupt(rproc, id);

	return IRQ_HANDLED;
}

static const char *ivrp_crash_name(u32 reason)
{
	switch (reason) {
	case IVRP_CRASH_FAULT:
		return "fault";
	case IVRP_CRASH_ABORT:
		return "abort";
	case IVRP_CRASH_EXIT:
		return "exit";
	case IVRP_CRASH_WATCHDOG:
		return "watchdog";
	default:
		return "unknown";
	}
}

static irqreturn_t ivrp_crash_thread(int irq, void *data)
{
	struct ivrp *ivrp = data;
	u32 reason, detail;

	reason = READ_ONCE(ivrp->ctrl->crash_reason);
	detail = READ_ONCE(ivrp->ctrl->crash_detail);

	dev_err_ratelimited(&ivrp->pdev->dev, "remote crashed: %s (detail %u)\n",
			    ivrp_crash_name(reason), detail);

	rproc_report_crash(ivrp->rproc, reason == IVRP_CRASH_WATCHDOG ?
			   RPROC_WATCHDOG : RPROC_FATAL_ERROR);
	return IRQ_HANDLED;
}

/**
 * ivrp_request_irqs() - get the MSI-X vectors and install their handlers
 * @ivrp: the remote, with @ivrp->rproc set
 *
 * Vectors and handlers are device-managed.  They were acquired after the
 * rproc was allocated, so they are released before it is freed.
 *
 * Context: process context (probe).
 * Return: 0 on success or a negative errno.
 */
static int ivrp_request_irqs(struct ivrp *ivrp)
{
	struct pci_dev *pdev = ivrp->pdev;
	struct device *dev = &pdev->dev;
	int ret;

	ret = pci_alloc_irq_vectors(pdev, IVRP_NUM_VECTORS, IVRP_NUM_VECTORS,
				    PCI_IRQ_MSIX);
	if (ret < 0) {
		dev_err(dev, "cannot get %d MSI-X vectors: %d\n",
			IVRP_NUM_VECTORS, ret);
		return ret;
	}

	ret = devm_request_irq(dev, pci_irq_vector(pdev, IVRP_VEC_CTRL),
			       ivrp_ctrl_irq, 0, "ivshmem-rproc-ctrl", ivrp);
	if (ret)
		goto err_irq;

	ret = devm_request_threaded_irq(dev,
					pci_irq_vector(pdev, IVRP_VEC_VRING),
					NULL, ivrp_vring_thread, IRQF_ONESHOT,
					"ivshmem-rproc-vring", ivrp);
	if (ret)
		goto err_irq;

	ret = devm_request_threaded_irq(dev,
					pci_irq_vector(pdev, IVRP_VEC_CRASH),
					NULL, ivrp_crash_thread, IRQF_ONESHOT,
					"ivshmem-rproc-crash", ivrp);
	if (ret)
		goto err_irq;

	return 0;

err_irq:
	dev_err(dev, "cannot request interrupts: %d\n", ret);
	return ret;
}

/* ------------------------------------------------------------------------
 * PCI driver
 */

/**
 * ivrp_map() - map both BARs and check that an emulator is behind them
 * @ivrp: where to put the mappings, with @ivrp->pdev set
 *
 * A plain ivshmem device has the same PCI id: anything without a valid
 * control page whose size matches BAR2 is turned away, before the
 * framework hears of it.
 *
 * Context: process context (probe).
 * Return: 0 on success, -ENODEV if the device is not an emulator, or
 * another negative errno.
 */
static int ivrp_map(struct ivrp *ivrp)
{
	struct pci_dev *pdev = ivrp->pdev;
	struct device *dev = &pdev->dev;
	resource_size_t size = pci_resource_len(pdev, IVRP_BAR_MEM);
	struct ivrp_ctrl *ctrl;

	if (pci_resource_len(pdev, IVRP_BAR_REGS) < IVRP_REGS_MIN_SIZE ||
	    !(pci_resource_flags(pdev, IVRP_BAR_MEM) & IORESOURCE_MEM) ||
	    size < IVRP_CTRL_SIZE + IVRP_SRAM_SIZE ||
	    size > IVRP_LOCAL_MAX_SIZE) {
		dev_err(dev, "not an rproc emulator: unexpected BARs (BAR2 %pR)\n",
			&pdev->resource[IVRP_BAR_MEM]);
		return -ENODEV;
	}

	ivrp->regs = pcim_iomap(pdev, IVRP_BAR_REGS, 0);
	if (!ivrp->regs)
		return -ENOMEM;

	ivrp->mem_phys = pci_resource_start(pdev, IVRP_BAR_MEM);
	ivrp->mem = devm_memremap(dev, ivrp->mem_phys, size, MEMREMAP_WB);
	if (IS_ERR(ivrp->mem))
		return PTR_ERR(ivrp->mem);

	ctrl = ivrp->mem;
	if (READ_ONCE(ctrl->magic) != IVRP_MAGIC ||
	    READ_ONCE(ctrl->version) != IVRP_VERSION ||
	    READ_ONCE(ctrl->local_size) != size) {
		dev_err(dev, "not an rproc emulator: magic %#x, version %u, local size %#x (BAR2 is %#llx bytes)\n",
			READ_ONCE(ctrl->magic), READ_ONCE(ctrl->version),
			READ_ONCE(ctrl->local_size), (unsigned long long)size);
		return -ENODEV;
	}

	ivrp->ctrl = ctrl;
	ivrp->local_size = size;
	return 0;
}

static int ivrp_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct device *dev = &pdev->dev;
	struct ivrp hw = { .pdev = pdev };
	struct rproc *rproc;
	struct ivrp *ivrp;
	int ret;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;

	/* managed: released with the device */
	ret = pci_request_regions(pdev, IVRP_DRV_NAME);
	if (ret)
		return ret;

	ret = ivrp_map(&hw);
	if (ret)
		return ret;

	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32));
	if (ret) {
		dev_err(dev, "no usable 32-bit DMA: %d\n", ret);
		return ret;
	}

	rproc = devm_rproc_alloc(dev, IVRP_RPROC_NAME, &ivrp_ops, firmware,
				 sizeof(*ivrp));
	if (!rproc)
		return -ENOMEM;

	/* the mappings found above; the lock and completion start here */
	ivrp = rproc->priv;
	*ivrp = hw;
	ivrp->rproc = rproc;
	mutex_init(&ivrp->cmd_lock);
	init_completion(&ivrp->cmd_done);

	/* MSI-X messages are bus-master writes */
	pci_set_master(pdev);

	ret = ivrp_request_irqs(ivrp);
	if (ret)
		return ret;

	rproc->auto_boot = auto_boot;
	rproc_coredump_set_elf_info(rproc, ELFCLASS64, EM_X86_64);
	/* Started before Linux ran, as by a bootloader: attach, do not load */
	if (READ_ONCE(ivrp->ctrl->state) == IVRP_STATE_RUNNING) {
		dev_info(dev, "the remote is already running\n");
		rproc->state = RPROC_DETACHED;
	}
	pci_set_drvdata(pdev, ivrp);

	ret = rproc_add(rproc);
	if (ret) {
		dev_err(dev, "cannot register the remote processor: %d\n", ret);
		return ret;
	}

	dev_info(dev, "emulated remote processor: %u KiB local memory at %#x, emulator peer %u\n",
		 ivrp->local_size / SZ_1K, IVRP_LOCAL_DA,
		 READ_ONCE(ivrp->ctrl->emu_peer) & IVRP_PEER_MASK);
	return 0;
}

/*
 * Teardown order: no crash report once removal starts; the remote is shut
 * down while the CTRL and VRING interrupts still work; then device-managed
 * release frees the interrupts and vectors, and only after them the rproc.
 */
static void ivrp_remove(struct pci_dev *pdev)
{
	struct ivrp *ivrp = pci_get_drvdata(pdev);

	disable_irq(pci_irq_vector(pdev, IVRP_VEC_CRASH));
	WRITE_ONCE(ivrp->removing, true);
	rproc_del(ivrp->rproc);
}

static const struct pci_device_id ivrp_pci_ids[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_REDHAT_QUMRANET, IVRP_PCI_DEVICE_ID) },
	{ }
};
MODULE_DEVICE_TABLE(pci, ivrp_pci_ids);

static struct pci_driver ivrp_pci_driver = {
	.name		= IVRP_DRV_NAME,
	.id_table	= ivrp_pci_ids,
	.probe		= ivrp_probe,
	.remove		= ivrp_remove,
};
module_pci_driver(ivrp_pci_driver);

MODULE_DESCRIPTION("Remote processor driver for the ivshmem-based AMP emulator");
MODULE_LICENSE("GPL");
MODULE_FIRMWARE("rproc-emu-fw.elf");
