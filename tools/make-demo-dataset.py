#!/usr/bin/env python3
"""Writes the embedded demo dataset (src/VpDarts/Data/Demo/*.gz) from Fashion-MNIST.

Selection: for each split, the first N images of each of the 10 classes in file order (N = 200 for train,
50 for test), kept in their original relative order. Output: gzip-compressed IDX files (mtime 0, so the
bytes depend only on the input). Fashion-MNIST is (c) Zalando SE, MIT licence.

Usage: tools/make-demo-dataset.py [SOURCE_DIR] [OUTPUT_DIR]
  SOURCE_DIR defaults to /usr/share/datasets/fashion-mnist (Debian: apt-get install dataset-fashion-mnist).
"""
import gzip
import os
import struct
import sys

PER_CLASS = {"train": 200, "t10k": 50}


def read_idx(path, magic):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    got = struct.unpack(">i", data[:4])[0]
    if got != magic:
        sys.exit(f"{path}: wrong magic {got}")
    dims = magic & 0xFF
    shape = struct.unpack(">" + "i" * dims, data[4:4 + 4 * dims])
    return shape, data[4 + 4 * dims:]


def write_gz(path, payload):
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
            f.write(payload)


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    here = os.path.dirname(os.path.abspath(__file__))
    output = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "src", "VpDarts", "Data", "Demo")
    os.makedirs(output, exist_ok=True)
    for prefix, per_class in PER_CLASS.items():
        (n, rows, cols), pixels = read_idx(os.path.join(source, f"{prefix}-images-idx3-ubyte.gz"), 2051)
        (m,), labels = read_idx(os.path.join(source, f"{prefix}-labels-idx1-ubyte.gz"), 2049)
        assert n == m, "image and label counts differ"
        taken, chosen = [0] * 10, []
        for i, label in enumerate(labels):
            if taken[label] < per_class:
                taken[label] += 1
                chosen.append(i)
        size = rows * cols
        images = b"".join(pixels[i * size:(i + 1) * size] for i in chosen)
        write_gz(os.path.join(output, f"{prefix}-images-idx3-ubyte.gz"),
                 struct.pack(">iiii", 2051, len(chosen), rows, cols) + images)
        write_gz(os.path.join(output, f"{prefix}-labels-idx1-ubyte.gz"),
                 struct.pack(">ii", 2049, len(chosen)) + bytes(labels[i] for i in chosen))
        print(f"{prefix}: {len(chosen)} images ({per_class} per class)")


if __name__ == "__main__":
    main()
