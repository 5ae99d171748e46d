#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# mkseeds.py <dir>: hand-made seeds of the fuzz targets, small and each
# aimed at one rule, into <dir>/<target>/<name>.  mkcorpus.sh adds the
# project's firmware images and their resource tables, then minimizes.
"""Write hand-made seeds for the fuzz targets."""

import os
import struct
import sys

PT_LOAD = 1
SHT_PROGBITS, SHT_STRTAB, SHT_NOBITS = 1, 3, 8
RSC_CARVEOUT, RSC_DEVMEM, RSC_TRACE, RSC_VDEV = 0, 1, 2, 3
ANY = 0xffffffff
LOAD_DA = 0x60001000


def name32(s):
    return s.encode().ljust(32, b"\0")[:32]


def carveout(da, length, name, pa=0, flags=0, reserved=0):
    return struct.pack("<IIIIII", RSC_CARVEOUT, da, pa, length, flags,
                       reserved) + name32(name)


def devmem(da, pa, length, name):
    return struct.pack("<IIIIII", RSC_DEVMEM, da, pa, length, 0, 0) + \
        name32(name)


def trace(da, length, name):
    return struct.pack("<IIII", RSC_TRACE, da, length, 0) + name32(name)


def vdev(vid, vrings, config=b"", dfeatures=1, status=0, reserved=0):
    body = struct.pack("<IIIIIIBBH", RSC_VDEV, vid, 0, dfeatures, 0,
                       len(config), status, len(vrings), reserved)
    for da, align, num in vrings:
        body += struct.pack("<IIIII", da, align, num, 0, 0)
    return body + config


def vendor(vtype, payload=b""):
    return struct.pack("<I", vtype) + payload


def table(entries, ver=1, pad=0):
    hdr = 16 + 4 * len(entries)
    offsets, body, off = [], b"", hdr
    for e in entries:
        offsets.append(off)
        body += e
        off += len(e)
    return struct.pack("<IIII", ver, len(entries), 0, 0) + \
        b"".join(struct.pack("<I", o) for o in offsets) + body + b"\0" * pad


RPMSG_VRINGS = [(ANY, 16, 8), (ANY, 16, 8)]

TABLES = {
    "empty": table([]),
    "trace": table([trace(LOAD_DA + 0x800, 0x100, "trace0")]),
    "rpmsg-vdev": table([vdev(7, RPMSG_VRINGS)]),
    "rpmsg-vdev-fixed-da": table([vdev(7, [(0x70000000, 16, 8),
                                           (0x70001000, 16, 8)])]),
    "serial-vdev-config": table([vdev(11, [(ANY, 4096, 256)],
                                      config=b"\x01\x02\x03\x04\0\0\0\0")]),
    "blk-vdev": table([vdev(2, [(ANY, 16, 8)])]),
    "vdev-no-vrings": table([vdev(7, [], config=b"abcd")]),
    "carveout-any": table([carveout(ANY, 0x1000, "heap")]),
    "carveout-platform": table([carveout(ANY, 0x1000, "vdev0buffer")]),
    "carveout-platform-da": table([carveout(0x60100000, 0x10000,
                                            "vdev0buffer")]),
    "carveout-twice": table([carveout(ANY, 0x100, "vdev0buffer"),
                             carveout(ANY, 0x100, "vdev0buffer")]),
    "devmem": table([devmem(0x1000, 0x1000, 0x1000, "regs")]),
    "vendor": table([vendor(128, b"\x11\x22\x33\x44"), vendor(511)]),
    "all": table([carveout(ANY, 0x2000, "fw-heap"),
                  trace(LOAD_DA + 0x100, 0x80, "trace0"),
                  vdev(7, RPMSG_VRINGS, config=b"\0" * 4),
                  vendor(200, b"\xaa" * 8)]),
    "name-unterminated": table([trace(LOAD_DA, 0x40, "x" * 32)]),
}


def shstrtab(names):
    data, offs = b"\0", {}
    for n in names:
        offs[n] = len(data)
        data += n.encode() + b"\0"
    return data, offs


def elf(is64=True, segs=None, entry=LOAD_DA, rsc=None, extra_sects=None,
        rsc_type=SHT_PROGBITS, two_rsc=False, etype=2, no_sections=False):
    """An ELF executable: header, program headers, data, sections."""
    segs = segs if segs is not None else \
        [(PT_LOAD, LOAD_DA, LOAD_DA, b"\x90" * 16, 0x40)]
    ehsize, phsize, shsize = (64, 56, 64) if is64 else (52, 32, 40)
    phoff = ehsize
    data_off = phoff + phsize * len(segs)
    blobs, seg_offs = b"", []
    for seg in segs:
        seg_offs.append(data_off + len(blobs))
        blobs += seg[3]
    rsc_off = data_off + len(blobs)
    rsc = rsc if rsc is not None else TABLES["all"]
    blobs += rsc
    names = [".text", ".resource_table", ".shstrtab"]
    if two_rsc:
        names.append(".resource_table")
    strtab, noffs = shstrtab(names)
    str_off = data_off + len(blobs)
    blobs += strtab
    shoff = data_off + len(blobs)
    shoff += (-shoff) % 8
    sects = [(0, 0, 0, 0, 0),
             (noffs[".text"], SHT_PROGBITS, LOAD_DA, seg_offs[0] if segs
              else 0, len(segs[0][3]) if segs else 0),
             (noffs[".resource_table"], rsc_type, LOAD_DA + 0x400, rsc_off,
              len(rsc)),
             (noffs[".shstrtab"], SHT_STRTAB, 0, str_off, len(strtab))]
    if two_rsc:
        sects.append((noffs[".resource_table"], SHT_PROGBITS, LOAD_DA, rsc_off,
                      len(rsc)))
    sects += extra_sects or []
    shnum = 0 if no_sections else len(sects)
    ident = b"\x7fELF" + bytes([2 if is64 else 1, 1, 1, 0]) + b"\0" * 8
    if is64:
        hdr = ident + struct.pack("<HHIQQQIHHHHHH", etype, 62, 1, entry,
                                  phoff, shoff if shnum else 0, 0, ehsize,
                                  phsize, len(segs), shsize, shnum, 3)
    else:
        hdr = ident + struct.pack("<HHIIIIIHHHHHH", etype, 3, 1, entry,
                                  phoff, shoff if shnum else 0, 0, ehsize,
                                  phsize, len(segs), shsize, shnum, 3)
    phdrs = b""
    for (ptype, vaddr, paddr, blob, memsz), off in zip(segs, seg_offs):
        if is64:
            phdrs += struct.pack("<IIQQQQQQ", ptype, 7, off, vaddr, paddr,
                                 len(blob), memsz, 0x1000)
        else:
            phdrs += struct.pack("<IIIIIIII", ptype, off, vaddr, paddr,
                                 len(blob), memsz, 7, 0x1000)
    out = hdr + phdrs + blobs
    out += b"\0" * (shoff - len(out))
    if shnum:
        for nm, typ, addr, off, size in sects:
            if is64:
                out += struct.pack("<IIQQQQIIQQ", nm, typ, 6, addr, off, size,
                                   0, 0, 8, 0)
            else:
                out += struct.pack("<IIIIIIIIII", nm, typ, 6, addr, off, size,
                                   0, 0, 8, 0)
    return out


def load(da, size, fill=b"\xcc", memsz=None, vaddr=None):
    return (PT_LOAD, da if vaddr is None else vaddr, da, fill * size,
            memsz if memsz is not None else size)


ELFS = {
    "elf64-min": elf(),
    "elf32-min": elf(is64=False),
    "elf64-two-segs": elf(segs=[load(LOAD_DA, 32), load(LOAD_DA + 0x1000, 8,
                                                         memsz=0x100)]),
    "elf64-iomem": elf(segs=[load(0x20000000, 64)], entry=0x20000000),
    "elf32-top-of-4g": elf(is64=False, segs=[load(0xfffff000, 16,
                                                  memsz=0x1000)],
                           entry=0xfffff000),
    "elf64-high": elf(segs=[load(0xffffffffffffe000, 16)],
                      entry=0xffffffffffffe000),
    "elf64-overlap": elf(segs=[load(LOAD_DA, 32), load(LOAD_DA + 16, 32)]),
    "elf64-bss-only": elf(segs=[load(LOAD_DA, 0, memsz=0x200)]),
    "elf64-zero-memsz": elf(segs=[load(LOAD_DA, 0, memsz=0),
                                  load(LOAD_DA, 4)]),
    "elf64-entry-vaddr": elf(segs=[load(LOAD_DA, 16, vaddr=0x1000)],
                             entry=0x1004),
    "elf64-entry-outside": elf(entry=0x12345678),
    "elf64-rsc-nobits": elf(rsc_type=SHT_NOBITS),
    "elf64-two-rsc": elf(two_rsc=True),
    "elf64-no-sections": elf(no_sections=True),
    "elf64-not-exec": elf(etype=3),
    "elf64-vdev-table": elf(rsc=TABLES["serial-vdev-config"]),
    "elf32-trace-table": elf(is64=False, rsc=TABLES["trace"]),
    "elf64-rsc-too-big": elf(rsc=table([], pad=0x10000)),
    "elf64-alloc-fails-1": elf()[:15] + b"\x01" + elf()[16:],
    "elf64-alloc-fails-2": elf()[:15] + b"\x02" + elf()[16:],
}


def ns_msg(name, addr, flags, le=True):
    e = "<" if le else ">"
    return name.encode().ljust(32, b"\0")[:32] + struct.pack(e + "II", addr,
                                                              flags)


NS = {
    "create": ns_msg("rpmsg-client-sample", 0x400, 0),
    "destroy": ns_msg("rpmsg-tty", 0x401, 1),
    "destroy-any": ns_msg("rpmsg_ns", ANY, 1),
    "create-any": ns_msg("rpmsg-raw", ANY, 0),
    "bad-flags": ns_msg("rpmsg-raw", 0x402, 2),
    "name-full": b"n" * 32 + struct.pack("<II", 0x400, 0),
    "name-empty": ns_msg("", 0x400, 0),
    "short": ns_msg("rpmsg-raw", 0x400, 0)[:39],
    "long": ns_msg("rpmsg-raw", 0x400, 0) + b"\0",
}


def rpmsg_hdr(src, dst, length, le=True, flags=0):
    e = "<" if le else ">"
    return struct.pack(e + "IIIHH", src, dst, 0, length, flags)


def rx_msg(payload, src=0x400, dst=53, le=True, used=None, hlen=None):
    msg = rpmsg_hdr(src, dst, len(payload) if hlen is None else hlen, le) + \
        payload
    return struct.pack("<H", len(msg) if used is None else used) + msg


def rx(opt, *msgs):
    return bytes([opt]) + b"".join(msgs)


OPT_LE, OPT_BE = 0x01, 0x00
NBUFS4 = 3 << 3
RX = {
    "ns-create": rx(OPT_LE | NBUFS4, rx_msg(NS["create"])),
    "ns-create-be": rx(OPT_BE | NBUFS4,
                       rx_msg(ns_msg("rpmsg-client-sample", 0x400, 0, False),
                              le=False)),
    "ns-destroy-any": rx(OPT_LE, rx_msg(NS["destroy-any"])),
    "echo": rx(OPT_LE | NBUFS4, rx_msg(b"ping", dst=1024),
               rx_msg(b"x" * 496, dst=1024)),
    "no-callback": rx(OPT_LE, rx_msg(b"late", dst=1025)),
    "unknown-dst": rx(OPT_LE, rx_msg(b"who", dst=0x7fffffff),
                      rx_msg(b"any", dst=ANY)),
    "short": rx(OPT_LE, struct.pack("<H", 15) + b"\0" * 15),
    "oversize": rx(OPT_LE, rx_msg(b"big", dst=1024, used=513)),
    "bad-len": rx(OPT_LE, rx_msg(b"abc", dst=1024, hlen=4)),
    "len-max": rx(OPT_LE, rx_msg(b"", dst=1024, hlen=0xffff)),
    "small-bufs": rx(OPT_LE | (2 << 1), rx_msg(NS["create"]),
                     rx_msg(NS["destroy"])),
    "tiny-bufs": rx(OPT_LE | (3 << 1), rx_msg(b"", dst=1024)),
    "budget": rx(OPT_LE, *[rx_msg(b"%d" % i, dst=1024) for i in range(5)]),
    "echo-too-big": rx(OPT_LE | NBUFS4, rx_msg(b"!big", dst=1024)),
    "echo-to-any": rx(OPT_LE, rx_msg(b"hi", src=ANY, dst=1024)),
    "tx-kept": rx(OPT_LE | 0x40, *[rx_msg(b"%d" % i, dst=1024)
                                  for i in range(3)]),
    "tx-given-back": rx(OPT_LE, *[rx_msg(b"%d" % i, dst=1024)
                                  for i in range(3)]),
}


def write(base, target, seeds):
    d = os.path.join(base, target)
    os.makedirs(d, exist_ok=True)
    for name, blob in seeds.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(blob)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: mkseeds.py <dir>")
    base = sys.argv[1]
    write(base, "elf", ELFS)
    write(base, "rsc_table", TABLES)
    # fuzz_rsc takes fault bits from the last byte: 0 means none.
    write(base, "rsc", {k: v + b"\0" for k, v in TABLES.items()})
    write(base, "rsc", {"all-no-kick": TABLES["all"] + b"\x01",
                        "all-pdev-fails": TABLES["all"] + b"\x02",
                        "all-dma-fails": TABLES["all"] + b"\x04",
                        "vendor-fails": TABLES["vendor"] + b"\x08",
                        "all-register-fails": TABLES["all"] + b"\x20",
                        "all-alloc-fails-1": TABLES["all"] + b"\x00\x40",
                        "all-alloc-fails-3": TABLES["all"] + b"\x02\x40",
                        "all-alloc-fails-5": TABLES["all"] + b"\x04\x40"})
    write(base, "rpmsg_ns", {k: bytes([1]) + v for k, v in NS.items()})
    write(base, "rpmsg_ns", {"create-be": bytes([0]) +
                             ns_msg("rpmsg-tty", 0x400, 0, False),
                             "null": bytes([2]) + NS["create"],
                             "negative-len": bytes([5]) + NS["create"]})
    write(base, "rpmsg_rx", RX)


if __name__ == "__main__":
    main()
