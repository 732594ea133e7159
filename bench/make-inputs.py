#!/usr/bin/env python3
"""Derives the benchmark inputs from a random raw file (made by bench-image.sh with openssl).

  make-inputs.py zeros RANDOM.raw OUT.raw   90% zero clusters (written, not sparse), 10% random
  make-inputs.py change RANDOM.raw OUT.raw  a copy of RANDOM.raw with 2% of its clusters changed
  make-inputs.py half RANDOM.raw OUT.raw    50% zero clusters (written, not sparse), 50% random

Seeded, so every run of the benchmark measures the same bytes.
"""
import random
import shutil
import sys

CLUSTER = 64 * 1024


def zeros(src, dst, share=0.10, seed=90):
    rng = random.Random(seed)
    zero = bytes(CLUSTER)
    with open(src, "rb") as s, open(dst, "wb") as d:
        while True:
            block = s.read(CLUSTER)
            if not block:
                break
            d.write(block if rng.random() < share else zero[: len(block)])


def half(src, dst):
    zeros(src, dst, 0.50, 50)


def change(src, dst):
    rng = random.Random(2)
    shutil.copyfile(src, dst)
    with open(dst, "r+b") as d:
        d.seek(0, 2)
        clusters = d.tell() // CLUSTER
        for c in rng.sample(range(clusters), clusters * 2 // 100):
            d.seek(c * CLUSTER + rng.randrange(CLUSTER - 16))
            d.write(rng.randbytes(16))


if __name__ == "__main__":
    {"zeros": zeros, "change": change, "half": half}[sys.argv[1]](sys.argv[2], sys.argv[3])
