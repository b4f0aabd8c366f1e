#!/usr/bin/env python3
"""NumPy reference for `ncv metrics` at dataset scale (bench/README.md, issue 18).

Two straightforward NumPy implementations of the fast NC1 (no d x d matrix):

  in memory:  np.load, cast to float64, class means, the thin SVD of the centred means Mc = U S V^T,
              NC1 = (1/N) sum_i ||S_r^{-1} U_r^T (h_i - mu_{y_i})||^2 over the r singular values above 1e-10 s_1;
  streamed:   the same over a memory-mapped file in two passes of blocks (pass 1 class means, pass 2
              projections), so the heap never holds the features.

Each prints its phases' wall times, the NC1 value (to cross-check ncv), and the peak resident set size.

  python3 bench/numpy_metrics.py --features H.npy --labels y.npy              # in memory
  python3 bench/numpy_metrics.py --features H.npy --labels y.npy --stream     # two-pass streamed
  python3 bench/numpy_metrics.py --make-metrics DIR   # writes DIR/metrics-H.npy (60,000 x 2048 float32, K = 10)
  python3 bench/numpy_metrics.py --make-check DIR     # the ncv check case (N = 50,000, 256 -> 64 -> K = 10)
  python3 bench/numpy_metrics.py --make-imagenet DIR  # 1,281,167 x 2048 float32, K = 10 (10.5 GB, written in blocks)
  python3 bench/numpy_metrics.py --evict FILE         # drops FILE from the page cache (cold-start runs)
"""
import argparse
import json
import os
import resource
import time

import numpy as np


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def nc1_basis(means_c):
    """U_r / s_r of the thin SVD of Mc (d x K), cutoff 1e-10 s_1 as docs/theory.md section 0."""
    u, s, _ = np.linalg.svd(means_c, full_matrices=False)
    r = int((s > 1e-10 * s[0]).sum())
    return u[:, :r] / s[:r]


def in_memory(features, labels):
    t = {}
    t0 = time.perf_counter()
    x = np.load(features)
    t["load"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    h = x.astype(np.float64)
    del x
    t["cast"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    y = np.load(labels).astype(np.int64)
    n, d = h.shape
    k = int(y.max()) + 1
    counts = np.bincount(y, minlength=k)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    means = (onehot.T @ h) / counts[:, None]          # K x d
    mu = counts @ means / n
    basis = nc1_basis((means - mu).T)                 # d x r
    proj = (h - means[y]) @ basis                     # N x r
    nc1 = float((proj * proj).sum() / n)
    t["nc1"] = time.perf_counter() - t2
    t["total"] = time.perf_counter() - t0
    return nc1, t


def streamed(features, labels, block):
    t = {}
    t0 = time.perf_counter()
    x = np.load(features, mmap_mode="r")
    y = np.load(labels).astype(np.int64)
    n, d = x.shape
    k = int(y.max()) + 1
    counts = np.bincount(y, minlength=k)
    sums = np.zeros((k, d))
    for i0 in range(0, n, block):                     # pass 1: class means
        b = np.asarray(x[i0:i0 + block], dtype=np.float64)
        yb = y[i0:i0 + block]
        onehot = np.zeros((len(yb), k))
        onehot[np.arange(len(yb)), yb] = 1.0
        sums += onehot.T @ b
    means = sums / counts[:, None]
    t["pass1"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    mu = counts @ means / n
    basis = nc1_basis((means - mu).T)
    total = 0.0
    for i0 in range(0, n, block):                     # pass 2: projections
        b = np.asarray(x[i0:i0 + block], dtype=np.float64)
        p = (b - means[y[i0:i0 + block]]) @ basis
        total += float((p * p).sum())
    nc1 = total / n
    t["pass2"] = time.perf_counter() - t1
    t["total"] = time.perf_counter() - t0
    return nc1, t


def mixture(rng, n, d, k, y=None):
    centres = rng.standard_normal((k, d), dtype=np.float32) * 3
    if y is None:
        y = rng.integers(0, k, n)
    return (centres[y] + rng.standard_normal((n, d), dtype=np.float32)), y


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--features")
    ap.add_argument("--labels")
    ap.add_argument("--stream", action="store_true")
    ap.add_argument("--block", type=int, default=16384, help="rows per block when streaming")
    ap.add_argument("--make-metrics", metavar="DIR")
    ap.add_argument("--make-check", metavar="DIR")
    ap.add_argument("--make-imagenet", metavar="DIR")
    ap.add_argument("--evict", metavar="FILE", help="drop FILE from the page cache (a cold start for the next run)")
    a = ap.parse_args()
    if a.evict:
        fd = os.open(a.evict, os.O_RDONLY)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
        return
    rng = np.random.default_rng(20261125)
    if a.make_metrics:
        h, y = mixture(rng, 60000, 2048, 10)
        np.save(os.path.join(a.make_metrics, "metrics-H.npy"), h.astype(np.float32))
        np.save(os.path.join(a.make_metrics, "metrics-y.npy"), y.astype(np.int64))
        np.save(os.path.join(a.make_metrics, "metrics-W.npy"), rng.standard_normal((10, 2048)))
        return
    if a.make_check:
        n, d1, d2, k = 50000, 256, 64, 10
        x, y = mixture(rng, n, d1, k)
        x = np.maximum(x.astype(np.float64), 0)       # features entering the head come out of a ReLU
        w1 = rng.standard_normal((d2, d1)) / np.sqrt(d1)
        w2 = rng.standard_normal((k, d2)) / np.sqrt(d2)
        out = a.make_check
        np.save(os.path.join(out, "check-X.npy"), x)
        np.save(os.path.join(out, "check-H.npy"), x @ w1.T)
        np.save(os.path.join(out, "check-y.npy"), y.astype(np.int64))
        np.save(os.path.join(out, "check-W1.npy"), w1)
        np.save(os.path.join(out, "check-W.npy"), w2)
        return
    if a.make_imagenet:
        n, d, k = 1281167, 2048, 10
        y = rng.integers(0, k, n)
        y[:k] = np.arange(k)
        path = os.path.join(a.make_imagenet, "imagenet-H.npy")
        out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(n, d))
        centres = rng.standard_normal((k, d), dtype=np.float32) * 3
        for i0 in range(0, n, 65536):
            yb = y[i0:i0 + 65536]
            out[i0:i0 + len(yb)] = centres[yb] + rng.standard_normal((len(yb), d), dtype=np.float32)
        out.flush()
        del out
        np.save(os.path.join(a.make_imagenet, "imagenet-y.npy"), y.astype(np.int64))
        np.save(os.path.join(a.make_imagenet, "imagenet-W.npy"), rng.standard_normal((k, d)))
        return
    nc1, t = streamed(a.features, a.labels, a.block) if a.stream else in_memory(a.features, a.labels)
    print(json.dumps({"mode": "streamed" if a.stream else "in_memory", "nc1": nc1,
                      "seconds": {key: round(v, 3) for key, v in t.items()},
                      "peak_rss_mb": round(peak_rss_mb(), 1), "numpy": np.__version__}))


if __name__ == "__main__":
    main()
