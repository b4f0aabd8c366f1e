#!/usr/bin/env python3
"""Independent derivation of the [DLN] reference numbers (docs/theory.md sections 3.2-3.5).

Recomputes from the formulas of docs/theory.md, with NumPy only and without any ncverify code:

- the two thresholds of the per-class problem f(x) = 1/(1 + x^M) + c x (section 3.4): the collapse
  threshold max_x x^{M-1}/(1 + x^M) and the root-existence threshold max_x M x^{M-1}/(1 + x^M)^2, each
  in closed form and by a numerical maximization;
- the global optimum of the deep linear UFM (section 3.2) by minimizing every class's f_k on a grid
  refined by golden section (not the root finding of the Java code), and a second time in the
  original variables of step 1-2 of the derivation (per-layer singular value s, class-mean norm t);
- the two GD end values in the window of section 3.4 (global optimum and the "keep the root" local
  minimum), the dead-class example of section 3.5, and the README examples of `ncv geometry dang` and
  `ncv train --model deep-linear`.

Prints one "name value" line per number; DerivationScriptsTest compares them with the values the Java
tests and the documents state. Runs in well under a second.
"""
import sys

import numpy as np

GOLDEN = (np.sqrt(5.0) - 1.0) / 2.0


def golden_max(f, lo, hi, iters=200):
    """Maximum of a unimodal f on [lo, hi] by golden-section search; returns (x, f(x))."""
    a, b = lo, hi
    x1, x2 = b - GOLDEN * (b - a), a + GOLDEN * (b - a)
    f1, f2 = f(x1), f(x2)
    for _ in range(iters):
        if f1 >= f2:
            b, x2, f2 = x2, x1, f1
            x1 = b - GOLDEN * (b - a)
            f1 = f(x1)
        else:
            a, x1, f1 = x1, x2, f2
            x2 = a + GOLDEN * (b - a)
            f2 = f(x2)
    x = (a + b) / 2.0
    return x, f(x)


def grid_then_golden_min(f, lo, hi, points=20001):
    """Global minimum of f on [lo, hi]: best point of a grid, refined by golden section next to it."""
    grid = np.linspace(lo, hi, points)
    values = np.array([f(x) for x in grid])
    i = int(np.argmin(values))
    a, b = grid[max(i - 1, 0)], grid[min(i + 1, points - 1)]
    x, v = golden_max(lambda t: -f(t), a, b)
    return (x, -v) if -v < values[i] else (grid[i], values[i])


# ---------------------------------------------------------------------------------------------
# Thresholds (section 3.4)
# ---------------------------------------------------------------------------------------------

def collapse_threshold_closed_form(m):
    return (m - 1.0) ** ((m - 1.0) / m) / m


def root_threshold_closed_form(m):
    x = ((m - 1.0) / (m + 1.0)) ** (1.0 / m)
    return m * x ** (m - 1) / (1 + x ** m) ** 2


def collapse_threshold_numeric(m):
    return golden_max(lambda x: x ** (m - 1) / (1 + x ** m), 0.0, 10.0)[1]


def root_threshold_numeric(m):
    return golden_max(lambda x: m * x ** (m - 1) / (1 + x ** m) ** 2, 0.0, 10.0)[1]


# ---------------------------------------------------------------------------------------------
# The global optimum (sections 3.2, 3.3)
# ---------------------------------------------------------------------------------------------

def b_constant(sizes, m, lam_w, lam_h):
    n = sum(sizes)
    return m * n * (n * lam_w ** m * lam_h) ** (1.0 / m)


def class_minimum(c, m):
    """min over x >= 0 of f(x) = 1/(1 + x^M) + c x (f(0) = 1), and the minimizer."""
    if c <= 0:
        raise ValueError("c must be > 0")
    x_max = 1.0 / c  # f(x) >= c x > 1 = f(0) beyond this point
    x, v = grid_then_golden_min(lambda x: 1.0 / (1.0 + x ** m) + c * x, 0.0, x_max)
    return (x, v) if v < 1.0 else (0.0, 1.0)


def optimum(sizes, m, lam_w, lam_h):
    """The closed-form optimum: (loss, product singular values sigma_k = s_k^M, class-mean norms)."""
    n = sum(sizes)
    b = b_constant(sizes, m, lam_w, lam_h)
    loss, sigma, hnorm = 0.0, [], []
    for nk in sizes:
        x, v = class_minimum(b / nk, m)
        loss += nk / (2.0 * n) * v
        sig = np.sqrt(n * lam_h * x ** m)  # product singular value sigma_k = s_k^M
        sigma.append(sig)
        hnorm.append(sig / (sig ** 2 + n * lam_h))
    return loss, np.array(sigma), np.array(hnorm)


def optimum_original_variables(sizes, m, lam_w, lam_h):
    """Same optimum in the variables of steps 1-2: per-layer singular value s of class k and
    class-mean norm t; share (n_k/(2N)) (s^M t - 1)^2 + (lambda_H/2) n_k t^2 + (M lambda_W/2) s^2,
    t eliminated by its least-squares optimum, s by grid + golden section."""
    n = sum(sizes)
    total = 0.0
    for nk in sizes:
        def share(s):
            p = s ** m
            t = p / (p * p + n * lam_h)
            return nk / (2.0 * n) * (p * t - 1) ** 2 + 0.5 * lam_h * nk * t * t + 0.5 * m * lam_w * s * s
        s_max = np.sqrt(nk / (n * m * lam_w))  # beyond it the weight term alone exceeds share(0)
        total += grid_then_golden_min(share, 0.0, s_max)[1]
    return total


def root_rule_loss(sizes, m, lam_w, lam_h):
    """The loss a rule that keeps the largest positive stationary point whenever it exists reports."""
    n = sum(sizes)
    b = b_constant(sizes, m, lam_w, lam_h)
    loss = 0.0
    for nk in sizes:
        c = b / nk
        xs = np.linspace(1e-9, 1.0 / c, 200001)
        fprime = c - m * xs ** (m - 1) / (1 + xs ** m) ** 2
        sign_change = np.nonzero(np.diff(np.sign(fprime)) > 0)[0]  # f' from - to +: local minima
        if len(sign_change) == 0:
            loss += nk / (2.0 * n)
            continue
        i = sign_change[-1]
        lo, hi = xs[i], xs[i + 1]
        for _ in range(200):
            mid = (lo + hi) / 2
            if c - m * mid ** (m - 1) / (1 + mid ** m) ** 2 < 0:
                lo = mid
            else:
                hi = mid
        x = (lo + hi) / 2
        loss += nk / (2.0 * n) * (1.0 / (1.0 + x ** m) + c * x)
    return loss


def loss_with_class_dead(sizes, m, lam_w, lam_h, dead):
    """Optimal loss when class `dead` is forced to zero (a spurious critical point of GD)."""
    n = sum(sizes)
    b = b_constant(sizes, m, lam_w, lam_h)
    return sum(nk / (2.0 * n) * (1.0 if k == dead else class_minimum(b / nk, m)[1])
               for k, nk in enumerate(sizes))


def main():
    def emit(name, value):
        print(f"{name} {value:.12g}")
        sys.stdout.flush()

    for m in (2, 3):
        emit(f"collapse_threshold_M{m}", collapse_threshold_closed_form(m))
        emit(f"collapse_threshold_M{m}_numeric", collapse_threshold_numeric(m))
        emit(f"root_threshold_M{m}", root_threshold_closed_form(m))
        emit(f"root_threshold_M{m}_numeric", root_threshold_numeric(m))

    # window of section 3.4: sizes (10, 1), M = 2, equal lambdas with b/n_1 midway between the thresholds
    target = (collapse_threshold_closed_form(2) + root_threshold_closed_form(2)) / 2.0
    lam = (target / (2 * 11 * np.sqrt(11))) ** (2.0 / 3.0)  # b = 2 N sqrt(N lambda^3), N = 11, n_1 = 1
    emit("window_lambda", lam)
    emit("window_b_over_n1", b_constant([10, 1], 2, lam, lam))
    emit("window_optimum", optimum([10, 1], 2, lam, lam)[0])
    emit("window_root_rule", root_rule_loss([10, 1], 2, lam, lam))

    # dead class example of section 3.5: sizes (4, 2, 1), M = 3, lambda = 0.01
    emit("dead_example_optimum", optimum([4, 2, 1], 3, 0.01, 0.01)[0])
    emit("dead_example_optimum_original_variables", optimum_original_variables([4, 2, 1], 3, 0.01, 0.01))
    emit("dead_example_minority_dead", loss_with_class_dead([4, 2, 1], 3, 0.01, 0.01, 2))

    # README: ncv geometry dang --class-sizes 200,100,50,50 --layers 3 --lambda-w 5e-3 --lambda-h 5e-3
    sizes = [200, 100, 50, 50]
    loss, sigma, hnorm = optimum(sizes, 3, 5e-3, 5e-3)
    emit("dang_b", b_constant(sizes, 3, 5e-3, 5e-3))
    emit("dang_optimal_loss", loss)
    emit("dang_optimal_loss_original_variables", optimum_original_variables(sizes, 3, 5e-3, 5e-3))
    for k in range(4):
        emit(f"dang_class_mean_norm_{k}", hnorm[k])
        emit(f"dang_classifier_norm_{k}", sigma[k])

    # README: ncv train --model deep-linear --class-sizes 40,20,10,5 --layers 2 --lambda-w/h 2e-3
    emit("train_example_optimal_loss", optimum([40, 20, 10, 5], 2, 2e-3, 2e-3)[0])


if __name__ == "__main__":
    main()
