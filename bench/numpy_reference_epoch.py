#!/usr/bin/env python3
"""NumPy reference for `ncv bench`: seconds per epoch of the reference MLP, and matmul GFLOP/s.

Network (columns = samples, as in ncverify's docs/theory.md section 0; no biases):
    784 -> 1024 -> 1024 -> 512 -> 512 -> 10
    h1 = relu(W1 x), h2 = relu(W2 h1), h3 = relu(W3 h2), h4 = W4 h3, out = W5 h4
(ReLU after the first three layers, two linear layers at the end).
Loss: MSE to one-hot, L = 1/(2B) * ||out - Y||_F^2 over a batch of B samples.
Optimizer: plain SGD, lr 0.01, batch 256, float64, one epoch over 60,000 random samples
(inputs uniform in [0, 1), labels uniform in 0..9), reshuffled each epoch, PyTorch's default nn.Linear init U(+-1/sqrt(fan_in)).
The data set and weights are created before the clock starts; the timed part is forward,
backward and update for every batch of the epoch.

Usage: python3 bench/numpy_reference_epoch.py [--epochs E] [--seed S] [--gemm]
Prints one line "numpy epoch seconds: X" per epoch (best last: "best: X"), and with --gemm the
GFLOP/s of numpy's own float64 matmul at n = 256, 512, 1024, 2048 (2 n^3 flops, best of 3).
"""
import argparse
import time

import numpy as np

LAYERS = [784, 1024, 1024, 512, 512, 10]
RELU_LAYERS = 3
N_SAMPLES = 60_000
BATCH = 256
LR = 0.01


def init_weights(rng):
    # PyTorch's nn.Linear default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    return [rng.uniform(-1.0, 1.0, (LAYERS[l + 1], LAYERS[l])) / np.sqrt(LAYERS[l])
            for l in range(len(LAYERS) - 1)]


def epoch(weights, x_all, y_all, rng):
    n = x_all.shape[1]
    order = rng.permutation(n)
    loss_sum = 0.0
    for start in range(0, n, BATCH):
        idx = order[start:start + BATCH]
        b = idx.size
        x = x_all[:, idx]
        y = y_all[:, idx]
        # forward: keep inputs of every layer (acts[l] is the input of layer l)
        acts = [x]
        h = x
        for l, w in enumerate(weights):
            z = w @ h
            h = np.maximum(z, 0.0) if l < RELU_LAYERS else z
            acts.append(h)
        diff = h - y
        loss_sum += 0.5 * np.sum(diff * diff) / b
        # backward
        g = diff / b                      # dL/d out
        grads = [None] * len(weights)
        for l in range(len(weights) - 1, -1, -1):
            if l < RELU_LAYERS:
                g = g * (acts[l + 1] > 0)  # through relu (acts[l+1] = relu(z_l))
            grads[l] = g @ acts[l].T
            if l > 0:
                g = weights[l].T @ g
        for w, gw in zip(weights, grads):
            w -= LR * gw
    return loss_sum


def gemm_gflops(sizes=(256, 512, 1024, 2048), reps=3, seed=1):
    rng = np.random.default_rng(seed)
    out = []
    for n in sizes:
        a = rng.uniform(-1, 1, (n, n))
        b = rng.uniform(-1, 1, (n, n))
        a @ b  # warm-up
        best = float("inf")
        for _ in range(reps):
            t0 = time.perf_counter()
            a @ b
            best = min(best, time.perf_counter() - t0)
        out.append((n, best, 2.0 * n ** 3 / best / 1e9))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gemm", action="store_true", help="also time numpy float64 matmul")
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    x_all = rng.uniform(0.0, 1.0, (LAYERS[0], N_SAMPLES))
    labels = rng.integers(0, LAYERS[-1], N_SAMPLES)
    y_all = np.zeros((LAYERS[-1], N_SAMPLES))
    y_all[labels, np.arange(N_SAMPLES)] = 1.0
    weights = init_weights(rng)
    print(f"numpy {np.__version__}, float64, MLP {'-'.join(map(str, LAYERS))}, "
          f"batch {BATCH}, lr {LR}, {N_SAMPLES} samples")
    best = float("inf")
    for e in range(args.epochs):
        t0 = time.perf_counter()
        loss = epoch(weights, x_all, y_all, rng)
        dt = time.perf_counter() - t0
        best = min(best, dt)
        print(f"numpy epoch seconds: {dt:.3f} (mean batch loss {loss / -(-N_SAMPLES // BATCH):.4f})")
    print(f"best: {best:.3f}")
    if args.gemm:
        for n, sec, gf in gemm_gflops():
            print(f"numpy matmul n={n}: {sec * 1e3:.2f} ms, {gf:.1f} GFLOP/s")


if __name__ == "__main__":
    main()
