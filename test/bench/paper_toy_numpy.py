"""NumPy reference of the `paper-toy` workload (spec coarse-kl.md §5), written as a good NumPy
programmer would: vectorised over seeds and variants (one (V, B, N) array updated in place), the
noise drawn once per step for the whole batch into preallocated buffers and shared by every variant
(common random numbers), block masses by one matmul with the one-hot label matrix, and the
scaling-and-clipping solved exactly and vectorised (g(s) evaluated at every breakpoint, then linear
interpolation on the crossing piece).

Usage: python3 paper_toy_numpy.py [--seeds 64] [--steps 1000] [--json out.json]
Prints the wall time of the sampling loop and the final metrics per variant.
"""
import argparse, json, time
import numpy as np
from scipy.ndimage import gaussian_filter

H = W = 32
ROWS = COLS = 4
K = ROWS * COLS
DELTAS = [None, 0.01, 0.005, 0.002]


def grid_labels():
    r = np.arange(H)[:, None] * ROWS // H
    c = np.arange(W)[None, :] * COLS // W
    return (r * COLS + c).ravel()


def block_constant(seed, labels):
    v = np.random.default_rng(1000 + seed).uniform(0.1, 0.9, K)
    return v[labels]


def scale_clip(w, lo, hi):
    """c = clip(s w, lo, hi) with sum c = 1, rows independent. w, lo, hi: (R, K), w > 0."""
    with np.errstate(divide="ignore"):
        events = np.concatenate([lo / w, hi / w], axis=1)  # breakpoints of g(s)
    events = np.sort(events, axis=1)
    g = np.clip(events[:, :, None] * w[:, None, :], lo[:, None, :], hi[:, None, :]).sum(-1)  # (R, 2K)
    j = np.argmax(g >= 1.0, axis=1)  # first breakpoint where g >= 1 (exists: feasible band)
    rows = np.arange(w.shape[0])
    e_hi, g_hi = events[rows, j], g[rows, j]
    jm = np.maximum(j - 1, 0)
    e_lo, g_lo = events[rows, jm], g[rows, jm]
    slope = np.where(g_hi > g_lo, (g_hi - g_lo) / np.where(e_hi > e_lo, e_hi - e_lo, 1.0), 0.0)
    s = np.where((j > 0) & (slope > 0), e_lo + (1.0 - g_lo) / np.where(slope > 0, slope, 1.0), e_hi)
    return np.clip(s[:, None] * w, lo, hi)


def kl_rows(a, b):
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(a > 0, a * np.log(a / b), 0.0)
    return t.sum(-1)


def potentials(x, onehot, labels, m, lo, hi, counts):
    """x: (R, N) images. Returns e_inf, e_1, V, V_delta, V_delta_coarse per row (nats)."""
    xp = np.maximum(x, 0.0)
    p = xp / xp.sum(-1, keepdims=True)
    w = p @ onehot
    err = np.abs(w - m)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = p * counts[labels] / w[:, labels]
        phi = np.where(p > 0, p * np.log(ratio), 0.0).sum(-1)
    c = scale_clip(w, lo, hi)
    coarse = kl_rows(w, c)
    return err.max(-1), err.sum(-1), phi + kl_rows(w, m), phi + coarse, coarse


def run(seeds, steps, blur_sigma=1.0, noise_std=0.05, record_every=10):
    labels = grid_labels()
    onehot = np.eye(K)[labels]
    counts = np.bincount(labels, minlength=K).astype(float)
    x0 = np.stack([block_constant(i, labels) for i in range(seeds)])  # (B, N)
    m = (x0 @ onehot) / x0.sum(-1, keepdims=True)  # (B, K) target masses
    blurred = np.stack([gaussian_filter(img.reshape(H, W), blur_sigma, mode="reflect", truncate=3.0).ravel() for img in x0])
    n_var = len(DELTAS)
    # The baseline's V_δ is measured against the band of the first δ, as the lab does.
    lo = np.stack([np.maximum(m - (d or DELTAS[1]), 0.0) for d in DELTAS])  # (V, B, K)
    hi = np.stack([np.minimum(m + (d or DELTAS[1]), 1.0) for d in DELTAS])
    lo_p, hi_p = lo[1:].reshape(-1, K), hi[1:].reshape(-1, K)
    m_all = np.broadcast_to(m, (n_var, seeds, K)).reshape(-1, K)
    betas = np.linspace(1e-4, 0.02, 1000)
    alphas = 1.0 - betas
    abar = np.cumprod(alphas)
    T = 1000
    ts = np.arange(T, T - steps, -1)
    rng = np.random.default_rng(0)
    xi = np.empty((seeds, H * W))
    z = np.empty((seeds, H * W))
    x = np.broadcast_to(rng.standard_normal((seeds, H * W)), (n_var, seeds, H * W)).copy()
    trace = []
    t0 = time.perf_counter()
    for t in ts:
        ab_t = abar[t - 1]
        ab_prev = abar[t - 2] if t > 1 else 1.0
        b_t = betas[t - 1]
        c1 = np.sqrt(ab_prev) * b_t / (1 - ab_t)
        c2 = np.sqrt(alphas[t - 1]) * (1 - ab_prev) / (1 - ab_t)
        sig = np.sqrt(b_t * (1 - ab_prev) / (1 - ab_t)) if t > 1 else 0.0
        rng.standard_normal(out=xi)
        rng.standard_normal(out=z)
        xi *= c1 * noise_std
        xi += c1 * blurred  # c1·x̂₀ with x̂₀ = G∗x₀ + σ_err ξ
        z *= sig
        z += xi
        x *= c2
        x += z
        xp = x[1:].reshape(-1, H * W)  # projected variants
        pos = np.maximum(xp, 0.0)
        w = (pos @ onehot) / pos.sum(-1, keepdims=True)
        c = scale_clip(w, lo_p, hi_p)
        xp *= (c / w)[:, labels]
        x[1:] = xp.reshape(n_var - 1, seeds, H * W)
        if (T - t) % record_every == record_every - 1 or t == ts[-1]:
            e_inf, e1, v, vd, vc = potentials(x.reshape(-1, H * W), onehot, labels, m_all,
                                                np.concatenate([lo[0], lo_p]), np.concatenate([hi[0], hi_p]), counts)
            trace.append((int(T - t), e_inf.reshape(n_var, seeds).mean(1), vd.reshape(n_var, seeds).mean(1)))
    elapsed = time.perf_counter() - t0
    mse = ((x - x0[None]) ** 2).mean(-1)
    e_inf, e1, v, vd, vc = potentials(x.reshape(-1, H * W), onehot, labels, m_all,
                                        np.concatenate([lo[0], lo_p]), np.concatenate([hi[0], hi_p]), counts)
    finals = {}
    for k, d in enumerate(DELTAS):
        sl = slice(k * seeds, (k + 1) * seeds)
        finals["none" if d is None else str(d)] = dict(
            e_inf=float(e_inf[sl].mean()), e_1=float(e1[sl].mean()), mse=float(mse[k].mean()),
            psnr=float((10 * np.log10(1 / mse[k])).mean()), v=float(v[sl].mean()), v_delta=float(vd[sl].mean()),
            max_e_inf_over_steps=float(max(tr[1][k] for tr in trace)))
    return elapsed, finals


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=64)
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--json")
    a = ap.parse_args()
    elapsed, finals = run(a.seeds, a.steps)
    out = {"elapsed_s": elapsed, "finals": finals, "numpy": np.__version__}
    print(json.dumps(out, indent=1))
    if a.json:
        json.dump(out, open(a.json, "w"), indent=1)
