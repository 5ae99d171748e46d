# SPDX-License-Identifier: GPL-2.0
#
# Top-level commands (see README.md).  The kernel's own build never reads
# this file: in-tree builds overlay drivers/ and include/ on a kernel tree,
# out-of-tree builds enter through ./Kbuild.
#
#   make demo                  build, boot the platform, show the remote
#   make check                 the whole test suite; last line "N passed, N failed"
#   make run GUEST_DIR=<dir>   run <dir>/run in the guest (KERNEL=stock|debug)
#   make fuzz [FUZZ_TIME=60]   fuzz the parsers, FUZZ_TIME seconds per target
#   make soak [SOAK_MINUTES=10] long storm, chaos and crash cycles (debug kernel)
#   make bench [BENCH_ROUNDS=30] ours vs Linux 6.1's rpmsg, alternating rounds
#
# Everything generated goes to build/ (BUILD=<dir> to use another one, e.g.
# for two work trees or two builds at once).  The scripts behind the targets live
# in tools/testing/remoteproc/ and are incremental: targets are phony and
# cheap when nothing changed.

SHELL := /bin/bash
T := tools/testing/remoteproc
BUILD ?= $(CURDIR)/build
export BUILD
KERNEL ?= stock
GUEST_DIR ?=
TESTS ?=

.DEFAULT_GOAL := help
.PHONY: help deps oot static checkpatch kernel-debug tools initramfs \
	initramfs-stock initramfs-debug demo run test-guest check fresh-check \
	clean distclean ref soak fuzz bench

help:
	@sed -n '/^#   make/s/^#   //p' Makefile
	@echo "other targets: deps oot static checkpatch kernel-debug tools ref"
	@echo "               initramfs test-guest [KERNEL=..] [TESTS=..] clean distclean"

# Debian packages (apt-get, needs root once; a no-op when all are present).
deps:
	@$(T)/deps.sh

# Modules against the stock Debian headers, in build/oot.
oot: deps
	@$(T)/build-oot.sh

# sparse (C=2) + W=1 on the out-of-tree build, and checkpatch --strict.
static: deps checkpatch
	@$(T)/build-oot.sh --static

checkpatch: deps
	@$(T)/build-debug-kernel.sh overlay
	@$(T)/checkpatch.sh

# linux-source-6.1 + our tree, tinyconfig + debug options, build/kernel-debug.
kernel-debug: deps
	@$(T)/build-debug-kernel.sh all

# The emulator, the firmware images and the bad images, in build/tools.
tools: deps
	@$(MAKE) --no-print-directory -C tools/remoteproc O=$(BUILD)/tools all

# The test modules of $(T)/kmod are built for the kernel first, so that the
# initramfs ships them.
# Linux 6.1's own remoteproc and rpmsg, unchanged, with our platform driver,
# for the stock kernel (build/ref-6.1): the stock initramfs ships them in
# /lib/modules/ref, next to ours.
ref: deps
	@$(T)/build-ref-61.sh

initramfs-stock: oot tools ref
	@$(T)/build-clients-61.sh stock
	@$(T)/build-kmod.sh stock
	@$(T)/mkinitramfs.sh stock

initramfs-debug: kernel-debug tools
	@$(T)/build-clients-61.sh debug
	@$(T)/build-kmod.sh debug
	@$(T)/mkinitramfs.sh debug

initramfs: initramfs-$(KERNEL)

# `make run` and `make demo` boot like a distribution: client modules load
# by alias when their device appears (vm.sh --autoload); AUTOLOAD=0 turns
# that off.  The test suite's boots never autoload.
AUTOLOAD ?= 1
AUTOLOAD_OPT = $(if $(filter 0,$(AUTOLOAD)),--no-autoload,--autoload)

demo: initramfs-stock
	@$(T)/vm.sh --kernel stock $(AUTOLOAD_OPT) --run /usr/share/rpt/demo.sh

run: initramfs-$(KERNEL)
	@test -n "$(GUEST_DIR)" || { echo "usage: make run GUEST_DIR=<dir>" >&2; exit 2; }
	@test -e "$(GUEST_DIR)/run" || { echo "$(GUEST_DIR)/run does not exist" >&2; exit 2; }
	@$(T)/vm.sh --kernel $(KERNEL) $(AUTOLOAD_OPT) --guest-dir "$(abspath $(GUEST_DIR))"

# The guest test suite alone (TESTS="lifecycle crash" selects scripts).
test-guest: initramfs-$(KERNEL)
	@$(T)/vm.sh --kernel $(KERNEL) --logdir $(BUILD)/vm-$(KERNEL) \
		--run "/usr/share/rpt/run-tests $(TESTS)"

check: deps
	@$(T)/check.sh

# Long runs, not part of check (soak.sh): the storm and the hostile remote
# for SOAK_MINUTES in all, SOAK_CYCLES crash/recover cycles with clients
# attached, then kmemleak and the drift of ids, slabs, memory and open
# files.  On the debug kernel unless KERNEL= is given.
SOAK_MINUTES ?= 10
SOAK_CYCLES ?= 1000
SOAK_KERNEL := $(if $(filter command line environment,$(origin KERNEL)),$(KERNEL),debug)
soak: initramfs-$(SOAK_KERNEL)
	@$(T)/soak.sh --kernel $(SOAK_KERNEL) --minutes $(SOAK_MINUTES) \
		--cycles $(SOAK_CYCLES)

# Ours against Linux 6.1's own stack in one boot of the stock kernel
# (bench.sh, not part of check): BENCH_ROUNDS rounds alternating the two,
# a table of medians, rounds won and sign-test p; BENCH_QUICK=1 is a smoke
# (one round, small counts).  BENCH_ARGS adds options (--idle "100 1000").
BENCH_ROUNDS ?=
BENCH_QUICK ?= 0
BENCH_ARGS ?=
bench: initramfs-stock
	@$(T)/bench.sh $(if $(BENCH_ROUNDS),--rounds $(BENCH_ROUNDS)) \
		$(if $(filter 1,$(BENCH_QUICK)),--quick) $(BENCH_ARGS)

# The parsers' libFuzzer targets (tools/testing/remoteproc/fuzz.sh), each
# for FUZZ_TIME seconds over its working corpus in build/fuzz/work;
# FUZZ_ARGS adds options (--jobs 2, --keep-going, --coverage, targets).
FUZZ_TIME ?= 60
FUZZ_ARGS ?=
fuzz: deps
	@$(T)/fuzz.sh --time $(FUZZ_TIME) $(FUZZ_ARGS)

# README's two commands in a pristine Debian 12 root made with mmdebstrap,
# from a clone of HEAD (root; not part of check).  FRESH_ARGS=--ccache etc.
fresh-check:
	@$(T)/fresh-check.sh $(FRESH_ARGS)

# clean keeps the extracted kernel source and the debug kernel's objects
# (minutes to rebuild); distclean removes all of build/.
clean:
	rm -rf $(BUILD)/oot $(BUILD)/oot-w1 $(BUILD)/tools $(BUILD)/initramfs \
		$(BUILD)/check $(BUILD)/vm-* $(BUILD)/soak-* $(BUILD)/logs $(BUILD)/sample-61-* \
		$(BUILD)/guest-tools $(BUILD)/rpmsg-tests $(BUILD)/kmod-* \
		$(BUILD)/ref-6.1 $(BUILD)/fuzz/bin $(BUILD)/fuzz/cov

distclean:
	rm -rf $(BUILD)
