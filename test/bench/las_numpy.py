"""NumPy reference of the LAS dynamic programme (spec schedules-las.md §4.3), written as a good NumPy
programmer would: the step-independent part ½ c_i ℓ_j of every (i, j) cost, with +∞ on the invalid
i ≥ j half, is built once; each layer is then one broadcast add into a preallocated (N × N) buffer,
an argmin along the rows and a gather; back-pointers in an int32 (K+1, N) array; float64 throughout.

Usage: python3 las_numpy.py --input FILE.json [--repeat 5]
The input holds the candidates (descending SNRs) and the losses at them, so both implementations
solve the identical problem. Prints JSON: the median wall time of the DP (seconds), all times, the
minimal objective and the chosen indices.
"""
import argparse
import json
import time

import numpy as np


def las_dp(c, ell, K):
    N = len(c)
    half = 0.5 * c
    # cost[i, j] = ½ c_i ℓ_j for i < j, +∞ otherwise; V_k[j] = min_i V_{k−1}[i] + cost[i, j] − ½ c_j ℓ_j.
    cost = np.multiply(half[:, None], ell[None, :])
    cost[np.tril_indices(N)] = np.inf
    layer = np.empty((N, N))
    V = np.full(N, np.inf)
    V[0] = 0.0
    back = np.zeros((K + 1, N), dtype=np.int32)
    columns = np.arange(N)
    for k in range(1, K + 1):
        np.add(cost, V[:, None], out=layer)
        back[k] = np.argmin(layer, axis=0)
        V = layer[back[k], columns] - half * ell
    idx = [N - 1]
    for k in range(K, 0, -1):
        idx.append(int(back[k][idx[-1]]))
    return float(V[N - 1]), idx[::-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--input', required=True)
    parser.add_argument('--repeat', type=int, default=5)
    args = parser.parse_args()
    with open(args.input) as f:
        data = json.load(f)
    c = np.asarray(data['candidates'], dtype=np.float64)
    ell = np.asarray(data['losses'], dtype=np.float64)
    K = int(data['K'])
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        objective, indices = las_dp(c, ell, K)
        times.append(time.perf_counter() - start)
    print(json.dumps({'median_s': float(np.median(times)), 'times_s': times, 'objective': objective, 'indices': indices}))


if __name__ == '__main__':
    main()
