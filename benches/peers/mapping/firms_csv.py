"""A seeded synthetic firm list for timing `creacity firms import` (all firms invented).

    python3 benches/peers/mapping/firms_csv.py 1000000 /tmp/firms-1m.csv [--seed 7]

Header: id,name,period,main_code,other_codes,territory,city,lat,lon,employees,revenue,registered
(ids 6600000001…, period 2024, codes drawn from 8 creative OKVED codes, points near 56° N 60° E).
With --bad K, every K-th row gets an unparsable employees cell (to time a refused import).
"""

import argparse
import random

CODES = ["59.11", "59.12", "60.10", "62.01", "73.11", "74.10", "90.01", "90.03"]
CITIES = ["Синтетград", "Тестовск", "Пробино", "Образцов", "Макетово"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rows", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--bad", type=int, default=0)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        f.write("id,name,period,main_code,other_codes,territory,city,lat,lon,employees,revenue,registered\n")
        for k in range(1, a.rows + 1):
            main = rng.choice(CODES)
            others = ";".join(rng.sample(CODES, rng.randint(0, 3)))
            city = rng.choice(CITIES)
            lat = 56.0 + rng.uniform(-0.5, 0.5)
            lon = 60.0 + rng.uniform(-0.8, 0.8)
            emp = "x" if a.bad and k % a.bad == 0 else str(rng.randint(0, 250))
            rev = rng.randint(0, 50_000_000)
            reg = f"20{rng.randint(0, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            f.write(
                f"{6600000000 + k},ООО «Синтетика {k}»,2024,{main},{others},"
                f"{66000 + k % 30},{city},{lat:.6f},{lon:.6f},{emp},{rev},{reg}\n"
            )


if __name__ == "__main__":
    main()
