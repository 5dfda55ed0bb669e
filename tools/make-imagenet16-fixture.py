#!/usr/bin/python3
"""Writes tiny ImageNet16-style pickles with real NumPy arrays, used as test fixtures.

Layout as in NB201's ImageNet16 files: a dict with 'data' (N x 768 uint8, channel-planar 3x16x16) and
'labels' (1-based). Pixel (i, j) = (31 * i + j) % 256. The training file is pickled with protocol 2 and
a plain list of labels (plus a float 'mean' entry, as the originals have); the validation file with the
highest protocol and a NumPy int64 label array. Needs NumPy (Debian: python3-numpy).

Usage: tools/make-imagenet16-fixture.py [OUTPUT_DIR]
"""
import os
import pickle
import sys

import numpy as np


def images(n):
    i = np.arange(n).reshape(-1, 1)
    j = np.arange(768).reshape(1, -1)
    return ((31 * i + j) % 256).astype(np.uint8)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "tests", "VpDarts.Tests", "Data", "Fixtures", "ImageNet16")
    os.makedirs(out, exist_ok=True)
    train = {"data": images(6), "labels": [1, 121, 5, 120, 1000, 2], "mean": np.full(768, 0.5)}
    with open(os.path.join(out, "train_data_batch_1"), "wb") as f:
        pickle.dump(train, f, protocol=2)
    val = {"data": images(4), "labels": np.array([3, 200, 120, 1], dtype=np.int64)}
    with open(os.path.join(out, "val_data"), "wb") as f:
        pickle.dump(val, f, protocol=pickle.HIGHEST_PROTOCOL)
    print("wrote", out)


if __name__ == "__main__":
    main()
