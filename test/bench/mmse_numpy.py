"""NumPy peer of the MMSE-curve benchmark (test/bench/mmse.bench.mts): the same workload, designed
identically, written as a good NumPy programmer would.

Workload: the exact empirical posterior of N points (10,000 digits, d = 784) for M Monte Carlo queries
(source i_q, noise eps_q) with common random numbers across K log-SNR points. Per query the logits are
affine in (1/nu, 1/sqrt(nu)):  l_j = ln pi_j - ||x_i - x_j||^2/(2 nu) + eps.(x_j - x_i)/sqrt(nu),
so A = -||x_i - x_j||^2/2 and B = eps.(x_j - x_i) are computed once (two GEMMs); each lambda is then
a log-sum-exp over (M, N), one GEMM W @ C for the posterior means, and tr C in the pivot form
sum_j w_j ||x_j - x_i||^2 - ||D - x_i||^2 (centred fallback where that loses > 3 digits).

Input: raw little-endian float64 files written by the TS bench (data N x d, eps M x d) and int32
sources, plus the lambda grid. Prints JSON: setup_s, curve_s, mmse (per lambda).

Usage: python3 mmse_numpy.py DATA EPS SOURCES N D M LMIN LMAX K
"""
import json
import sys
import time

import numpy as np
from scipy.special import logsumexp


def main():
    data_file, eps_file, src_file = sys.argv[1:4]
    n, d, m = (int(v) for v in sys.argv[4:7])
    lmin, lmax, k = float(sys.argv[7]), float(sys.argv[8]), int(sys.argv[9])
    X = np.fromfile(data_file, dtype='<f8').reshape(n, d)
    E = np.fromfile(eps_file, dtype='<f8').reshape(m, d)
    src = np.fromfile(src_file, dtype='<i4')
    lambdas = np.linspace(lmin, lmax, k)
    logpi = np.full(n, -np.log(n))

    t0 = time.perf_counter()
    C = X - X.mean(0)
    sq = np.einsum('ij,ij->i', C, C)
    Cs = C[src]
    A = Cs @ C.T                                   # c_i . c_j
    A = np.minimum(0.0, A - 0.5 * (sq[src][:, None] + sq[None, :]))
    A[np.arange(m), src] = 0.0                     # exactly 0 at j = i
    B = E @ C.T
    B -= B[np.arange(m), src][:, None]             # eps . (x_j - x_i)
    setup = time.perf_counter() - t0

    t1 = time.perf_counter()
    mmse = np.empty(k)
    for r, lam in enumerate(lambdas):
        nu = np.exp(-lam)
        L = logpi[None, :] + A / nu + B / np.sqrt(nu)
        W = np.exp(L - logsumexp(L, axis=1, keepdims=True))
        D = W @ C
        spread = -2.0 * np.einsum('ij,ij->i', W, A)
        err = np.einsum('ij,ij->i', Cs - D, Cs - D)
        tr = spread - err
        bad = ~(tr >= 1e-3 * spread)
        for q in np.flatnonzero(bad):              # centred form where the pivot form lost > 3 digits
            live = W[q] > 0
            tr[q] = W[q, live] @ ((C[live] - D[q]) ** 2).sum(1)
        mmse[r] = tr.mean()
    curve = time.perf_counter() - t1
    print(json.dumps({'setup_s': setup, 'curve_s': curve, 'mmse': mmse.tolist()}))


if __name__ == '__main__':
    main()
