"""Peer of `cargo bench -p creacity-mapping --bench mapping -- indices`: the same EconGeo
indices with pandas (numpy/OpenBLAS underneath) on the same deterministic panel, month by
month; prints the time of the index computations only and checks creacity's checksum."""
import argparse
import time

import numpy as np
import pandas as pd

M1 = np.uint64(0x9E3779B97F4A7C15)
M2 = np.uint64(0xBF58476D1CE4E5B9)
M3 = np.uint64(0x94D049BB133111EB)


def panel_month(nt, ns, t):
    """SplitMix64-based sparse counts, bit-identical to `panel_value` in the Rust bench."""
    i = np.arange(nt, dtype=np.uint64)[:, None]
    j = np.arange(ns, dtype=np.uint64)[None, :]
    with np.errstate(over="ignore"):
        z = i * M1 + j * M2 + np.uint64(t) * M3
        z = (z ^ (z >> np.uint64(30))) * M2
        z = (z ^ (z >> np.uint64(27))) * M3
        z = z ^ (z >> np.uint64(31))
    v = ((z >> np.uint64(32)) % np.uint64(50)).astype(np.float64)
    v[(z % np.uint64(100)) < 60] = 0.0
    return pd.DataFrame(v, index=[f"T{k}" for k in range(nt)], columns=[f"S{k}" for k in range(ns)])


def indices(df):
    rs = df.sum(axis=1)
    cs = df.sum(axis=0)
    share = df.div(rs, axis=0)
    colshare = cs / cs.sum()
    lq = share.div(colshare, axis=1).fillna(0.0)
    b = (lq >= 1.0).astype(np.float64)
    krugman = share.sub(colshare, axis=1).abs().sum(axis=1)
    spec = krugman / 2
    herf = (df * df).sum(axis=1) / (rs * rs)
    entropy = -(share * np.log2(share.where(share > 0))).sum(axis=1)
    hoover = 100 * df.div(cs, axis=1).sub(1.0 / len(df)).abs().sum(axis=0) / 2
    diversity = b.sum(axis=1)
    ubiquity = b.sum(axis=0)
    cooc = b.T.dot(b)
    c = cooc.to_numpy().copy()
    np.fill_diagonal(c, 0.0)
    s = c.sum(axis=0)
    tot = s.sum()
    si = np.broadcast_to(s[None, :], c.shape)
    sj = np.broadcast_to(s[:, None], c.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = c / (((si / tot) * (sj / (tot - si)) + (sj / tot) * (si / (tot - sj))) * (tot / 2))
    rel = np.nan_to_num(rel, nan=0.0, posinf=np.inf)
    np.fill_diagonal(rel, 0.0)
    rel = pd.DataFrame(rel, index=df.columns, columns=df.columns)
    dens = b.dot(rel).div(rel.sum(axis=0), axis=1) * 100
    return krugman, spec, herf, entropy, hoover, diversity, ubiquity, lq, dens


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--territories", type=int, default=2500)
    ap.add_argument("--sectors", type=int, default=600)
    ap.add_argument("--months", type=int, default=120)
    ap.add_argument("--checksum", type=float)
    a = ap.parse_args()
    total = 0.0
    checksum = 0.0
    for t in range(a.months):
        df = panel_month(a.territories, a.sectors, t)
        t0 = time.perf_counter()
        out = indices(df)
        total += time.perf_counter() - t0
        d = out[8].to_numpy()
        checksum += out[0].sum() + d[np.isfinite(d)].sum()
    ok = ""
    if a.checksum is not None:
        rel = abs(checksum - a.checksum) / max(abs(checksum), 1e-300)
        ok = "checksum equal" if rel < 1e-9 else f"checksum differs ({checksum:.6e})"
    print(f"pandas {pd.__version__}: {total:.3f} s, {ok}")


if __name__ == "__main__":
    main()
