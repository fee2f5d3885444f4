#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""mkset.py N [--size BYTES] [--at OFFSET] [--first-id ID] [--names]
              [--onto DUMP]

Print a 'daxlabel restore' document with N single-range devices of SIZE
bytes (default 2 MiB, the smallest at the usual 2 MiB align), laid end to
end from data-area offset OFFSET (default 0), ids from ID (default 0),
named "d<id>" with --names.  With --onto, the devices are appended to that
dump ('-': standard input) instead of an empty set of the default
geometry (data area at 2 MiB).  For benchmarks and tests that need many
devices in one commit."""
import argparse
import json
import sys
import uuid

p = argparse.ArgumentParser()
p.add_argument("n", type=int)
p.add_argument("--size", type=int, default=2 << 20)
p.add_argument("--at", type=int, default=0)
p.add_argument("--first-id", type=int, default=0)
p.add_argument("--names", action="store_true")
p.add_argument("--onto")
a = p.parse_args()

if a.onto:
    doc = json.load(sys.stdin if a.onto == "-" else open(a.onto))
else:
    doc = {"format": "daxlabel-set", "version": 1, "base": 0,
           "data_offset": 2 << 20, "devices": []}
base = int(str(doc["base"]), 0) + int(str(doc["data_offset"]), 0)
for i in range(a.n):
    dev_id = a.first_id + i
    start = base + a.at + i * a.size
    dev = {"id": dev_id, "uuid": str(uuid.UUID(int=dev_id + 1)),
           "size": a.size, "align": 2 << 20,
           "mappings": [{"start": start, "end": start + a.size - 1,
                         "page_offset": 0, "size": a.size}]}
    if a.names:
        dev["name"] = "d%d" % dev_id
    doc["devices"].append(dev)
json.dump(doc, sys.stdout)
