"""Peer for the Sobol' estimators of creacity-index: SALib (pip install SALib).

Reads the output vector the Rust bench wrote (y.csv, N(d + 2) values in the order A, B, A_B^(1..d)),
reorders it to SALib's layout (per base row: A, A_B^(1..d), B), times `SALib.analyze.sobol.analyze`
(first order Saltelli 2010, total Jansen, 100 bootstrap resamples, 90 % intervals) and compares the
indices with creacity's (ours.csv).

Usage: python3 benches/peers/index/salib_estimators.py [DIR]   (DIR defaults to $INDEX_BENCH_DIR or
the system temp dir + creacity-index-bench)
"""

import csv
import os
import statistics
import sys
import tempfile
import time

import numpy as np
from importlib.metadata import version
from SALib.analyze import sobol

D = 8
d = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
    "INDEX_BENCH_DIR", os.path.join(tempfile.gettempdir(), "creacity-index-bench"))
y = np.loadtxt(os.path.join(d, "y.csv"), skiprows=1)
n = len(y) // (D + 2)
blocks = y.reshape(D + 2, n)  # rows: A, B, AB_1 .. AB_D
salib = np.empty(n * (D + 2))
for j in range(n):
    row = [blocks[0, j]] + [blocks[2 + i, j] for i in range(D)] + [blocks[1, j]]
    salib[j * (D + 2):(j + 1) * (D + 2)] = row
problem = {"num_vars": D, "names": [f"x{i + 1}" for i in range(D)], "bounds": [[0, 1]] * D}

times = []
for _ in range(5):
    t = time.perf_counter()
    si = sobol.analyze(problem, salib, calc_second_order=False, num_resamples=100, conf_level=0.90,
                       print_to_console=False, seed=1)
    times.append(time.perf_counter() - t)
print(f"SALib {version('SALib')}: sobol.analyze, N = {n}, d = {D}, bootstrap 100: "
      f"median {statistics.median(times) * 1e3:.1f} ms over 5 runs")

ours = {}
with open(os.path.join(d, "ours.csv")) as f:
    for r in csv.DictReader(f):
        ours[int(r["input"])] = (float(r["first"]), float(r["total"]))
# SALib divides by the population variance (ddof 0), creacity (like COINr) by the sample variance:
# the ratio (2N - 1) / 2N is applied before comparing.
scale = (2 * n - 1) / (2 * n)
worst = 0.0
for i in range(D):
    s1, st = si["S1"][i] * scale, si["ST"][i] * scale
    o1, ot = ours[i]
    worst = max(worst, abs(s1 - o1), abs(st - ot))
    print(f"x{i + 1}: SALib S1 {si['S1'][i]:.5f} ST {si['ST'][i]:.5f} | creacity S1 {o1:.5f} ST {ot:.5f}")
print(f"largest difference from SALib after the variance convention: {worst:.2e}")
# SALib standardises Y before estimating, which moves the Saltelli (2010) first-order estimate by
# c * mean(f(A_B) - f(A)) / V; the same formulas on the raw Y (as COINr and creacity use them):
A, B = blocks[0], blocks[1]
V = np.var(np.r_[A, B], ddof=1)
raw = max(max(abs(np.mean(B * (blocks[2 + i] - A)) / V - ours[i][0]),
              abs(0.5 * np.mean((A - blocks[2 + i]) ** 2) / V - ours[i][1])) for i in range(D))
print(f"largest difference from the same formulas in NumPy on raw Y: {raw:.2e}")
