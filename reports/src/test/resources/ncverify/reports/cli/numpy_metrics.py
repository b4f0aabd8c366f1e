"""Independent NumPy implementation of docs/theory.md section 1 (direct d x d formulas), used to
cross-check `ncv metrics --json`. Usage: numpy_metrics.py H.npy y.npy W.npy b.npy -> JSON on stdout."""
import json, sys
import numpy as np

H = np.load(sys.argv[1]).astype(np.float64).T          # d x N
y = np.load(sys.argv[2]).astype(np.int64)
W = np.load(sys.argv[3]).astype(np.float64)             # K x d
b = np.load(sys.argv[4]).astype(np.float64)
d, N = H.shape
K = int(y.max()) + 1
Y = np.eye(K)[:, y]
n = Y.sum(axis=1)
Mbar = (H @ Y.T) / n
muG = H.mean(axis=1, keepdims=True)
Mc = Mbar - muG
R = H - Mbar[:, y]
SW = R @ R.T / N
SB = Mc @ Mc.T / K
w, V = np.linalg.eigh(SB)
keep = w > 1e-10 * w.max()
SBp = (V[:, keep] / w[keep]) @ V[:, keep].T
def nd(A, B): return np.linalg.norm(A / np.linalg.norm(A) - B / np.linalg.norm(B))
def fro(A): return A / np.linalg.norm(A)
etf = (np.eye(K) - np.ones((K, K)) / K) / np.sqrt(K - 1)
G = Mc.T @ Mc
Gb = Mbar.T @ Mbar
s = np.linalg.svd(Mbar, compute_uv=False)
logits = W @ H + b[:, None]
pred = logits.argmax(axis=0)
dist = ((H[:, None, :] - Mbar[:, :, None]) ** 2).sum(axis=0)
ncc = dist.argmin(axis=0)
norms = np.linalg.norm(Mc, axis=0)
Cn = Mc / norms
cos = Cn.T @ Cn
iu = np.triu_indices(K, 1)
out = {
    "nc1": float(np.trace(SW @ SBp) / K),
    "nc1_trace_ratio": float(np.trace(SW) / np.trace(SB)),
    "nc2_etf_means": float(np.linalg.norm(fro(G) - etf)),
    "nc2_etf_weights": float(np.linalg.norm(fro(W @ W.T) - etf)),
    "nc2_ortho_means": float(np.linalg.norm(fro(Gb) - np.eye(K) / np.sqrt(K))),
    "nc2_diag_means": float(nd(Gb, np.diag(np.diag(Gb)))),
    "cond_class_means": float(s.max() / s.min()),
    "nc3": float(nd(W.T, Mc)),
    "nc3_uncentered": float(nd(W.T, Mbar)),
    "nc3_cosine": float(np.mean([Mbar[:, k] @ W[k] / np.linalg.norm(Mbar[:, k]) / np.linalg.norm(W[k]) for k in range(K)])),
    "nc4": float(np.mean(pred != ncc)),
    "equinorm_means": float(norms.std() / norms.mean()),
    "equiangularity_means": float(cos[iu].std()),
    "train_error": float(np.mean(pred != y)),
    "fit_error": float(np.linalg.norm(W @ H - Y)),
}
print(json.dumps(out))
