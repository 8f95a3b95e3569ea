"""Time the Python QCA packages on the data sets written by `cargo bench -p creacity-qca`.

Usage: python3 benches/peers/qca/run_peers.py [DATA_DIR] [TIMEOUT_SECONDS] [crisp|fuzzy]
(DATA_DIR defaults to target/qca-bench, the timeout per run to 300 s.)

Each peer runs a full fit (conservative and parsimonious solutions, inclusion cut 0.8, PRI cut
0.6 for fuzzy data, as the Rust bench) on every
CSV in a fresh subprocess; runs that exceed the timeout are reported as "did not finish".
The data are synthetic (see crates/qca/benches/minimise.rs).
"""
import glob
import os
import subprocess
import sys
import time

PEERS = {
    "setqca": """
import pandas as pd, setqca
d = pd.read_csv(PATH, index_col=0)
conds = [c for c in d.columns if c != "Y"]
model = setqca.FSQCA(consistency=0.8, pri=0.6) if KIND == "fuzzy" else setqca.CSQCA(consistency=0.8)
model.fit(d, outcome="Y", conditions=conds)
""",
    "pyqca": """
import pandas as pd, qca
d = pd.read_csv(PATH, index_col=0)
conds = [c for c in d.columns if c != "Y"]
engine = qca.FSQCA(d, outcome="Y", conditions=conds) if KIND == "fuzzy" else qca.CSQCA(d, outcome="Y", conditions=conds)
engine.fit(consistency_cutoff=0.8, pri_cut=0.6 if KIND == "fuzzy" else 0.0)
""",
}


def run(peer, path, kind, timeout):
    code = f"PATH = {path!r}\nKIND = {kind!r}\n" + PEERS[peer]
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"did not finish in {timeout} s"
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return f"error: {last[:80]}"
    return f"{elapsed * 1000:.0f} ms"


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else "target/qca-bench"
    timeout = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    only = sys.argv[3] if len(sys.argv) > 3 else ""
    files = sorted(glob.glob(os.path.join(data_dir, "*.csv")), key=lambda p: (p.split("/")[-1].split("_")[0], int(p.split("_")[-1][:-4])))
    print(f"{'file':<14} " + " ".join(f"{p:>28}" for p in PEERS))
    for path in files:
        kind = os.path.basename(path).split("_")[0]
        if only and kind != only:
            continue
        cells = [run(peer, path, kind, timeout) for peer in PEERS]
        print(f"{os.path.basename(path):<14} " + " ".join(f"{c:>28}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
