#!/usr/bin/env python3
"""Independent derivation of the [SELI] reference numbers (docs/theory.md sections 2.1-2.4).

The CE UFM  min_{W,H} sum_i CE(W h_i, y_i) + (lambda/2)(||W||^2 + ||H||^2), d >= K, is the convex
problem  min_X sum_i CE(x_i, y_i) + lambda ||X||_*  (section 2.1), with W W^T = (X X^T)^{1/2} at a
balanced factorization. Averaging the columns of X within each class lowers neither term (Jensen for
CE, ||X P||_* <= ||X||_* for the class-averaging projector P), so an optimum has X = M Y with class
logits M (K x K). Since Y Y^T = D, ||M Y||_* = ||M D^{1/2}||_*; with B = M D^{1/2} the problem becomes
the K x K problem

    min_B  sum_k n_k CE(b_k / sqrt(n_k), k) + lambda ||B||_*,      X X^T = B B^T,

solved here by accelerated proximal gradient (singular value soft-thresholding; the smooth part has a
1/2-Lipschitz gradient) with adaptive restart, until the optimality certificate of section 2.1 holds:
||grad||_op <= lambda (1 + 1e-9) and grad = -lambda U V^T on the range of B. No GD on (W, H), no
ncverify code: a different route to the same optimum as the Java solvers.

Prints ndist(W W^T, (S D S)^{1/2}) along the paths the tests and documents quote (section 2.4 and
reports/FINDINGS.md) and the STEP singular values of section 2.3 (closed form against the SVD of Zhat).
Runs in a few seconds.
"""
import sys

import numpy as np


def psd_sqrt(a):
    w, v = np.linalg.eigh((a + a.T) / 2.0)
    return (v * np.sqrt(np.clip(w, 0.0, None))) @ v.T


def ndist(a, b):
    return np.linalg.norm(a / np.linalg.norm(a) - b / np.linalg.norm(b))


def seli_gram_w(sizes):
    k = len(sizes)
    s = np.eye(k) - np.ones((k, k)) / k
    return psd_sqrt(s @ np.diag(np.asarray(sizes, float)) @ s)


def smooth_value_grad(b, sqrt_n):
    """sum_k n_k CE(b_k/sqrt(n_k), k) and its gradient (columns b_k). CE(m, k) = log(sum_c exp(m_c - m_k))
    is evaluated as log1p of the other classes' terms when class k has the largest logit, so tiny losses
    (lambda -> 0) keep their relative precision."""
    m = b / sqrt_n
    k = b.shape[0]
    idx = np.arange(k)
    rel = m - m[idx, idx]                      # m_c - m_k, column k
    shift = np.maximum(rel.max(axis=0), 0.0)
    e = np.exp(rel - shift)
    others = e.sum(axis=0) - e[idx, idx]
    ce = np.where(shift == 0.0, np.log1p(others), np.log(e.sum(axis=0)) + shift)
    value = np.sum(sqrt_n ** 2 * ce)
    p = e / e.sum(axis=0)
    p[idx, idx] -= 1.0
    return value, p * sqrt_n


def prox_nuclear(b, threshold):
    u, s, vt = np.linalg.svd(b)
    return (u * np.maximum(s - threshold, 0.0)) @ vt


def solve(sizes, lam, b0=None, max_iter=200_000, tol=1e-7):
    """Optimal B of the K x K problem (warm start b0) by accelerated proximal gradient with the
    gradient-based adaptive restart of O'Donoghue & Candes; returns (B, certificate residual)."""
    sizes = np.asarray(sizes, float)
    k = len(sizes)
    sqrt_n = np.sqrt(sizes)
    step = 2.0  # 1/L with L = 1/2
    b = np.zeros((k, k)) if b0 is None else b0.copy()
    y, t = b.copy(), 1.0
    for it in range(max_iter):
        _, g = smooth_value_grad(y, sqrt_n)
        b_new = prox_nuclear(y - step * g, step * lam)
        if np.sum((y - b_new) * (b_new - b)) > 0:  # momentum points uphill: restart
            t = 1.0
        t_new = (1 + np.sqrt(1 + 4 * t * t)) / 2
        y = b_new + (t - 1) / t_new * (b_new - b)
        b, t = b_new, t_new
        if it % 100 == 0 and certificate(b, sqrt_n, lam) < tol:
            break
    return b, certificate(b, sqrt_n, lam)


def certificate(b, sqrt_n, lam):
    """Violation of -grad in lambda d||B||_*, relative to lambda: max of (||grad||_op/lambda - 1)_+ and
    ||grad + lambda U_r V_r^T|| / lambda on the range of B."""
    _, g = smooth_value_grad(b, sqrt_n)
    u, s, vt = np.linalg.svd(b)
    r = int(np.sum(s > 1e-12 * max(s[0], 1e-300)))
    op_excess = max(0.0, np.linalg.norm(g, 2) / lam - 1.0)
    aligned = np.linalg.norm(u[:, :r].T @ g @ vt[:r].T + lam * np.eye(r)) / lam
    return max(op_excess, aligned)


def path(sizes, lambdas):
    target = seli_gram_w(sizes)
    out, b = [], None
    for lam in lambdas:
        b, cert = solve(sizes, lam, b)
        out.append((lam, ndist(psd_sqrt(b @ b.T), target), cert))
    return out


def step_sizes(k, ratio, rho, n_min):
    n_minority = int(round(rho * k))
    return [int(ratio * n_min)] * (k - n_minority) + [n_min] * n_minority


def main():
    def emit(name, value):
        print(f"{name} {value:.12g}")
        sys.stdout.flush()

    # section 2.3: STEP singular values of Zhat, closed form vs SVD
    k, ratio, rho, n_min = 4, 10, 0.5, 5
    sizes = step_sizes(k, ratio, rho, n_min)
    y = np.repeat(np.eye(k), sizes, axis=1)
    zhat = (np.eye(k) - np.ones((k, k)) / k) @ y
    sv = np.linalg.svd(zhat, compute_uv=False)
    closed = sorted([np.sqrt(ratio * n_min)] * ((1 - rho) * k - 1 > 0) * int((1 - rho) * k - 1)
                    + [np.sqrt(n_min)] * int(rho * k - 1) + [np.sqrt(n_min * (1 - rho + rho * ratio)), 0.0],
                    reverse=True)
    emit("step_singular_value_max_abs_diff", float(np.max(np.abs(sv - np.array(closed)))))

    # section 2.4 reference table: K = 4, R = 10, rho = 1/2, n_min = 5
    worst = 0.0
    for lam, dist, cert in path(sizes, [1e-1, 1e-2, 1e-3, 1e-4, 1e-5]):
        emit(f"step_K4_R10_dist_lambda{lam:.0e}", dist)
        worst = max(worst, cert)
    emit("step_K4_R10_max_certificate", worst)

    # section 2.4 small case: sizes (4, 2, 2)
    for lam, dist, _ in path([4, 2, 2], [1e-1, 1e-2, 1e-3]):
        emit(f"sizes_4_2_2_dist_lambda{lam:.0e}", dist)

    # reports/FINDINGS.md, seli.convergence: K = 7, five classes of 100, two of 1
    for lam, dist, _ in path([100] * 5 + [1] * 2, [1e-1, 1e-2, 1e-3]):
        emit(f"findings_K7_R100_dist_lambda{lam:.0e}", dist)

    # balanced classes: the ETF at every lambda (section 2.2)
    for lam, dist, _ in path([3, 3, 3, 3], [1e-1, 1e-3]):
        emit(f"balanced_K4_dist_lambda{lam:.0e}", dist)


if __name__ == "__main__":
    main()
