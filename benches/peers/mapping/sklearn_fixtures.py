"""Generates the DBSCAN / HDBSCAN oracle fixtures of creacity-mapping (synthetic points).

Run once and commit the output; `cargo test` never needs Python:
    python3 benches/peers/mapping/sklearn_fixtures.py crates/mapping/tests/data
Writes `<name>.csv` with columns id,lat,lon and one label column per configuration, and a
`#` comment header naming the scikit-learn version and the parameters.
"""
import sys

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN, HDBSCAN

EARTH_RADIUS_M = 6371008.8


def synthetic(seed, n_blobs, per_blob, n_noise, lat0, lon0, spread_deg=0.15, sd_m=250.0):
    rng = np.random.default_rng(seed)
    pts = []
    for _ in range(n_blobs):
        c_lat = lat0 + rng.uniform(-spread_deg, spread_deg)
        c_lon = lon0 + rng.uniform(-spread_deg, spread_deg)
        k = rng.integers(per_blob // 2, per_blob * 3 // 2)
        sd = sd_m * rng.uniform(0.5, 1.5) / 111_195.0
        pts.append(np.column_stack([
            rng.normal(c_lat, sd, k),
            rng.normal(c_lon, sd / np.cos(np.radians(c_lat)), k),
        ]))
    pts.append(np.column_stack([
        rng.uniform(lat0 - spread_deg * 1.3, lat0 + spread_deg * 1.3, n_noise),
        rng.uniform(lon0 - spread_deg * 1.3, lon0 + spread_deg * 1.3, n_noise),
    ]))
    pts = np.vstack(pts)
    return pts[rng.permutation(len(pts))]


def main(out_dir):
    # A border point 25 m from a core point of each of two clusters (metres along a meridian at
    # 56 N); the later-numbered cluster's points come last in index order.
    m = np.array([80.0, 90.0, 100.0, 110.0, 55.0, 0.0, 10.0, 20.0, 30.0, 500.0])
    border = np.column_stack([56.0 + m / 111_195.0, np.full(len(m), 60.0)])
    sets = {
        "points_border": (border, [(32.0, 4), (32.0, 3)], [(3, 2)]),
        # Synthetic firms around a city centre at 56.84 N, 60.60 E.
        "points_small": (synthetic(1, 8, 40, 120, 56.84, 60.60), [(300.0, 5), (150.0, 4)], [(10, None), (5, 3)]),
        "points_medium": (synthetic(2, 25, 60, 600, 55.16, 61.40), [(250.0, 6)], [(15, None), (8, 4)]),
    }
    for name, (pts, db_cfgs, hdb_cfgs) in sets.items():
        rad = np.radians(pts)
        cols, header = [], [
            f"# synthetic points; labels by scikit-learn {sklearn.__version__}, numpy {np.__version__}",
            f"# metric=haversine, eps_rad = eps_m / {EARTH_RADIUS_M}",
        ]
        names = []
        for eps_m, ms in db_cfgs:
            lab = DBSCAN(eps=eps_m / EARTH_RADIUS_M, min_samples=ms, metric="haversine").fit(rad).labels_
            cols.append(lab)
            names.append(f"dbscan_eps{int(eps_m)}_ms{ms}")
        for mcs, ms in hdb_cfgs:
            lab = HDBSCAN(min_cluster_size=mcs, min_samples=ms, metric="haversine", copy=True).fit(rad).labels_
            cols.append(lab)
            names.append(f"hdbscan_mcs{mcs}_ms{ms if ms else mcs}")
        with open(f"{out_dir}/{name}.csv", "w") as f:
            f.write("\n".join(header) + "\n")
            f.write("id,lat,lon," + ",".join(names) + "\n")
            for i, (la, lo) in enumerate(pts):
                f.write(f"p{i},{float(la)!r},{float(lo)!r}," + ",".join(str(int(c[i])) for c in cols) + "\n")
        print(name, len(pts), {n: int(c.max()) + 1 for n, c in zip(names, cols)})


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "crates/mapping/tests/data")
