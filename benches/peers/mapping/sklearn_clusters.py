"""Peer of `cargo bench -p creacity-mapping --bench mapping -- dbscan|hdbscan`: times
scikit-learn's DBSCAN / HDBSCAN (metric="haversine") on the same points file and compares its
labels with creacity's (exactly for DBSCAN, up to renumbering for HDBSCAN)."""
import argparse
import time
from collections import Counter

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import DBSCAN, HDBSCAN

EARTH_RADIUS_M = 6371008.8


def differences(ours, theirs):
    votes = Counter(zip(ours, theirs))
    best = {}
    for (a, b), n in votes.items():
        if a not in best or n > best[a][1]:
            best[a] = (b, n)
    return sum(1 for a, b in zip(ours, theirs) if best[a][0] != b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", required=True)
    ap.add_argument("--method", choices=["dbscan", "hdbscan"], required=True)
    ap.add_argument("--eps-m", type=float, default=200.0)
    ap.add_argument("--min-samples", type=int, default=10)
    ap.add_argument("--min-cluster-size", type=int, default=25)
    ap.add_argument("--labels")
    ap.add_argument("--runs", type=int, default=1)
    a = ap.parse_args()
    df = pd.read_csv(a.points, float_precision="round_trip")
    X = np.radians(df[["lat", "lon"]].to_numpy())
    times = []
    for _ in range(a.runs):
        t = time.perf_counter()
        if a.method == "dbscan":
            lab = DBSCAN(eps=a.eps_m / EARTH_RADIUS_M, min_samples=a.min_samples,
                         metric="haversine", n_jobs=-1).fit(X).labels_
        else:
            lab = HDBSCAN(min_cluster_size=a.min_cluster_size, min_samples=a.min_samples,
                          metric="haversine", n_jobs=-1, copy=True).fit(X).labels_
        times.append(time.perf_counter() - t)
    times.sort()
    verdict = ""
    if a.labels:
        ours = np.loadtxt(a.labels, dtype=np.int64)
        if a.method == "dbscan":
            diff = int((ours != lab).sum())
            verdict = "labels equal" if diff == 0 else f"{diff} labels differ"
        else:
            diff = differences(ours.tolist(), lab.tolist())
            verdict = ("labels equal up to renumbering" if diff == 0
                       else f"{diff} points differ after renumbering")
    print(f"scikit-learn {sklearn.__version__}: {times[len(times) // 2]:.3f} s "
          f"(median of {a.runs}), {lab.max() + 1} clusters, {verdict}")


if __name__ == "__main__":
    main()
