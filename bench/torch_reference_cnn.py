#!/usr/bin/env python3
"""PyTorch reference for `ncv bench`: seconds per epoch of the reference CNN on the CPU.

Network (the same as ncverify's ReferenceCnn / ConvArchitecture.reference()):
    1x28x28 -> Conv2d(1, 16, 3, padding=1) + ReLU -> MaxPool2d(2)
            -> Conv2d(16, 32, 3, padding=1) + ReLU -> MaxPool2d(2)
            -> flatten (32*7*7 = 1568) -> Linear(1568, 128) + ReLU
            -> Linear(128, 64, bias=False) -> Linear(64, 10, bias=False)
(biases in the convolutions and the first fully connected layer, none in the linear head).
Loss: MSE to one-hot targets with ncverify's normalization, L = 1/(2B) * ||out - Y||_F^2 over a
batch of B images. Optimizer: SGD lr 0.01, momentum 0.9, no weight decay, batch 128, float64, one
epoch over 6,000 images: the first 6,000 images of the Fashion-MNIST training split when the
files are in /usr/share/datasets/fashion-mnist/ (Debian package dataset-fashion-mnist), else
uniform random pixels (the time does not depend on the values). The data and the model are built
before the clock starts; the timed part is the shuffle and, per batch, forward, backward and update.

Usage: python3 bench/torch_reference_cnn.py [--epochs E] [--threads T] [--seed S] [--float32]
Prints one line per epoch and "best: X" (seconds). Without torch it says so and exits with 2.
Compare with `ncv bench` at the same thread count (OPENBLAS_NUM_THREADS for ncv, --threads or
torch's default for PyTorch): see bench/README.md.
"""
import argparse
import gzip
import os
import sys
import time

import numpy as np

DATA_DIR = "/usr/share/datasets/fashion-mnist/"
N_SAMPLES = 6_000
BATCH = 128
LR = 0.01
MOMENTUM = 0.9


def load_images(n, seed):
    path = os.path.join(DATA_DIR, "train-images-idx3-ubyte.gz")
    lpath = os.path.join(DATA_DIR, "train-labels-idx1-ubyte.gz")
    if os.path.exists(path) and os.path.exists(lpath):
        with gzip.open(path, "rb") as f:
            raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
        with gzip.open(lpath, "rb") as f:
            labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
        x = raw[: n * 784].reshape(n, 1, 28, 28).astype(np.float64) / 255.0
        return x, labels[:n].astype(np.int64), "fashion-mnist"
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 1, (n, 1, 28, 28)), rng.integers(0, 10, n), "random"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: torch's default)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--float32", action="store_true", help="float32 instead of float64 (not the ncv workload)")
    args = ap.parse_args()
    try:
        import torch
        from torch import nn
    except ImportError:
        print("torch is not installed (apt-get install python3-torch); nothing measured", file=sys.stderr)
        sys.exit(2)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    dtype = torch.float32 if args.float32 else torch.float64
    torch.manual_seed(args.seed)
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1568, 128), nn.ReLU(),
        nn.Linear(128, 64, bias=False), nn.Linear(64, 10, bias=False)).to(dtype)
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
    x_np, y_np, source = load_images(N_SAMPLES, args.seed)
    x_all = torch.from_numpy(np.ascontiguousarray(x_np)).to(dtype)
    y_all = torch.nn.functional.one_hot(torch.from_numpy(y_np), 10).to(dtype)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {dtype}, {N_SAMPLES} {source} images,"
          f" batch {BATCH}", flush=True)
    gen = torch.Generator().manual_seed(args.seed)
    best = float("inf")
    for e in range(args.epochs):
        t0 = time.perf_counter()
        order = torch.randperm(N_SAMPLES, generator=gen)
        loss_sum = 0.0
        for start in range(0, N_SAMPLES, BATCH):
            idx = order[start:start + BATCH]
            x = x_all[idx]
            y = y_all[idx]
            out = model(x)
            loss = 0.5 * ((out - y) ** 2).sum() / x.shape[0]
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            loss_sum += loss.item()
        dt = time.perf_counter() - t0
        best = min(best, dt)
        print(f"torch epoch seconds: {dt:.3f}  (mean batch loss {loss_sum / ((N_SAMPLES + BATCH - 1) // BATCH):.4f})",
              flush=True)
    print(f"best: {best:.3f}")


if __name__ == "__main__":
    main()
