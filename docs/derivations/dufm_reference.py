#!/usr/bin/env python3
"""Independent derivation of the [DUFM] reference numbers (docs/theory.md sections 4.2-4.5).

Recomputes from the formulas of docs/theory.md, with NumPy only and without any ncverify code:

- C*(L), the DNC collapse constant, in closed form and as the root of min_s f_C(s) = 1/2;
- L_DNC = min_{s in [0,1]} (1 - s)^2/2 + C s^{2/(L+1)} by a grid and golden-section search;
- the loss of the triangular-graph / Kneser low-rank construction T(r), built as explicit matrices
  (section 4.3), its scales optimized by BFGS in log variables (not the Nelder-Mead of the Java code)
  from several starts, the loss evaluated by a direct forward pass with ReLU;
- the L = 2 finding near the DNC collapse (section 4.5) and the lambda window of section 4.4.

Prints one "name value" line per number; DerivationScriptsTest compares them with the values the Java
tests assert. Runs in a few seconds.
"""
import itertools
import sys

import numpy as np

GOLDEN = (np.sqrt(5.0) - 1.0) / 2.0


# ---------------------------------------------------------------------------------------------
# DNC (section 4.2)
# ---------------------------------------------------------------------------------------------

def c_dnc(k, depth, lam, n=1):
    """C_DNC = (K (L+1)/2) (n lambda_H prod_l lambda_l)^{1/(L+1)} with every ridge equal to lam."""
    return k * (depth + 1) / 2.0 * (n * lam ** (depth + 1)) ** (1.0 / (depth + 1))


def f_c(s, c, depth):
    return (1.0 - s) ** 2 / 2.0 + c * s ** (2.0 / (depth + 1))


def golden_min(f, lo, hi, iters=200):
    """Minimum of a unimodal f on [lo, hi] by golden-section search."""
    a, b = lo, hi
    x1 = b - GOLDEN * (b - a)
    x2 = a + GOLDEN * (b - a)
    f1, f2 = f(x1), f(x2)
    for _ in range(iters):
        if f1 <= f2:
            b, x2, f2 = x2, x1, f1
            x1 = b - GOLDEN * (b - a)
            f1 = f(x1)
        else:
            a, x1, f1 = x1, x2, f2
            x2 = a + GOLDEN * (b - a)
            f2 = f(x2)
    x = (a + b) / 2.0
    return x, f(x)


def dnc_loss(c, depth):
    """min over s in [0, 1] of f_C: best grid point, refined by golden section, compared with s = 0."""
    grid = np.linspace(0.0, 1.0, 20001)
    values = f_c(grid, c, depth)
    i = int(np.argmin(values))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
    _, refined = golden_min(lambda s: f_c(s, c, depth), lo, hi)
    return min(0.5, refined, float(values.min()))


def critical_c_closed_form(depth):
    """C*(L) = ((L+1)/(2L)) ((L-1)/L)^{(L-1)/(L+1)} (section 4.2)."""
    return (depth + 1) / (2.0 * depth) * ((depth - 1.0) / depth) ** ((depth - 1.0) / (depth + 1))


def critical_c_numeric(depth):
    """The C at which the non-trivial minimum of f_C reaches 1/2: bisection on C."""
    def nontrivial_min(c):
        # the non-trivial local minimum lies in [(L-1)/L, 1] near the collapse
        _, v = golden_min(lambda s: f_c(s, c, depth), 1e-6, 1.0)
        return v
    lo, hi = 0.3, 0.9
    for _ in range(100):
        mid = (lo + hi) / 2.0
        if nontrivial_min(mid) < 0.5:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


# ---------------------------------------------------------------------------------------------
# The T(r) / Kneser construction (section 4.3), one sample per class
# ---------------------------------------------------------------------------------------------

class Construction:
    """Explicit matrices of the T(r) construction for depth L, one sample per class, ridge lam."""

    def __init__(self, r, depth, lam):
        self.r, self.depth, self.lam = r, depth, lam
        edges = list(itertools.combinations(range(r), 2))
        self.k = len(edges)
        b = np.zeros((r, self.k))
        for e, (u, v) in enumerate(edges):
            b[u, e] = 1.0
            b[v, e] = 1.0
        self.b = b
        j = np.ones((self.k, self.k))
        self.j_over_k = j / self.k
        # Kneser K(r, 2) adjacency: 1 for disjoint edges
        self.kneser = (b.T @ b == 0).astype(float)
        # projector onto the row space of B minus its 1-component
        self.p = b.T @ np.linalg.solve(b @ b.T, b) - self.j_over_k
        self.num_scales = 2 * depth - 1

    def point(self, log_scales):
        """H_1 and W_1..W_L from the 2L - 1 log-scales (a, b, (c_l, d_l) for l = 2..L-1, t)."""
        s = np.exp(log_scales)
        a, bb, t = s[0], s[1], s[-1]
        means = [a * self.p + bb * self.j_over_k]                       # class means of H_1
        for l in range(self.depth - 2):                                 # layers 2..L-1
            c, d = s[2 + 2 * l], s[3 + 2 * l]
            means.append(np.vstack([c * self.b, d * np.ones((1, self.k))]))
        pre_last = t * (self.kneser - np.eye(self.k))                   # last pre-activation
        targets = means[1:] + [pre_last]
        weights = [tgt @ np.linalg.pinv(src) for src, tgt in zip(means, targets)]
        h_last = np.maximum(pre_last, 0.0)                              # = t A
        n = self.k
        w_last = h_last.T @ np.linalg.inv(h_last @ h_last.T + n * self.lam * np.eye(self.k))  # Y = I
        return means[0], weights + [w_last]

    def loss(self, log_scales):
        """The L-DUFM objective evaluated directly by a forward pass (ReLU between layers)."""
        h1, weights = self.point(log_scales)
        z = h1
        for w in weights[:-1]:
            z = np.maximum(w @ z, 0.0)
        z = weights[-1] @ z
        n = self.k
        fit = np.sum((z - np.eye(self.k)) ** 2) / (2.0 * n)
        reg = self.lam / 2.0 * (sum(np.sum(w ** 2) for w in weights) + np.sum(h1 ** 2))
        return fit + reg

    def ranks(self, log_scales, rel=1e-3):
        """Numerical ranks of H_1, H_2..H_{L-1} and the last pre-activation (section 4.6)."""
        h1, weights = self.point(log_scales)
        out = []
        z = h1
        out.append(z)
        for w in weights[:-1]:
            pre = w @ z
            z = np.maximum(pre, 0.0)
            out.append(z if len(out) < self.depth - 1 else pre)
        ranks = []
        for m in out[: self.depth]:
            sv = np.linalg.svd(m, compute_uv=False)
            ranks.append(int(np.sum(sv > rel * sv[0])))
        return max(ranks)


def bfgs(f, x0, iters=400, tol=1e-12):
    """Minimizes a smooth f by BFGS with central-difference gradients and a backtracking line search."""
    def grad(x):
        g = np.zeros_like(x)
        for i in range(len(x)):
            h = 1e-6 * max(1.0, abs(x[i]))
            e = np.zeros_like(x)
            e[i] = h
            g[i] = (f(x + e) - f(x - e)) / (2 * h)
        return g
    x = np.array(x0, dtype=float)
    fx, g = f(x), grad(x)
    hinv = np.eye(len(x))
    for _ in range(iters):
        step = -hinv @ g
        if g @ step >= 0:
            hinv = np.eye(len(x))
            step = -g
        alpha = 1.0
        while True:
            x_new = x + alpha * step
            f_new = f(x_new)
            if f_new <= fx + 1e-4 * alpha * (g @ step) or alpha < 1e-12:
                break
            alpha /= 2.0
        g_new = grad(x_new)
        s_vec, y_vec = x_new - x, g_new - g
        improvement = fx - f_new
        x, fx, g = x_new, f_new, g_new
        sy = s_vec @ y_vec
        if sy > 1e-14:
            rho = 1.0 / sy
            i_mat = np.eye(len(x))
            hinv = (i_mat - rho * np.outer(s_vec, y_vec)) @ hinv @ (i_mat - rho * np.outer(y_vec, s_vec)) \
                + rho * np.outer(s_vec, s_vec)
        if improvement < tol and np.linalg.norm(g) < 1e-7:
            break
    return x, fx


def construction_loss(r, depth, lam, starts=4):
    """Best loss of the T(r) construction over its scales (several starts), and its rank."""
    cons = Construction(r, depth, lam)
    rng = np.random.default_rng(20261125)
    best = (None, np.inf)
    for _ in range(starts):
        x0 = rng.normal(0.0, 0.5, cons.num_scales)
        x, fx = bfgs(cons.loss, x0)
        if fx < best[1]:
            best = (x, fx)
    return best[1], cons.ranks(best[0])


def main():
    out = []

    def emit(name, value):
        out.append((name, value))
        print(f"{name} {value:.12g}")
        sys.stdout.flush()

    for depth in (2, 3, 4):
        emit(f"c_star_L{depth}", critical_c_closed_form(depth))
        emit(f"c_star_L{depth}_numeric", critical_c_numeric(depth))

    lam = 0.004
    for k, depth in ((10, 4), (10, 3), (10, 2), (6, 4), (6, 3)):
        emit(f"dnc_loss_K{k}_L{depth}", dnc_loss(c_dnc(k, depth, lam), depth))
    for k, r, depth in ((10, 5, 4), (10, 5, 3), (10, 5, 2), (6, 4, 4), (6, 4, 3)):
        loss, rank = construction_loss(r, depth, lam)
        emit(f"low_rank_loss_K{k}_L{depth}", loss)
        emit(f"low_rank_rank_K{k}_L{depth}", rank)

    # section 4.5 finding: L = 2, K = 10 near the DNC collapse
    for lam_l2 in (0.029, 0.030, 0.0377):
        tag = f"{lam_l2:g}".replace(".", "p")
        emit(f"dnc_loss_K10_L2_lambda{tag}", dnc_loss(c_dnc(10, 2, lam_l2), 2))
        emit(f"low_rank_loss_K10_L2_lambda{tag}", construction_loss(5, 2, lam_l2, starts=2)[0])

    # section 4.4 lambda window, K = 10, L = 4: DNC collapse, and where the construction becomes trivial
    emit("window_lower_K10_L4", 2.0 * critical_c_closed_form(4) / (10 * 5))
    lo, hi = 0.022, 0.030  # the construction is non-trivial at lo and trivial at hi
    for _ in range(10):
        mid = (lo + hi) / 2.0
        if construction_loss(5, 4, mid, starts=1)[0] < 0.5 - 1e-9:
            lo = mid
        else:
            hi = mid
    emit("window_upper_K10_L4", (lo + hi) / 2.0)
    return out


if __name__ == "__main__":
    main()
