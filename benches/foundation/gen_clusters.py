#!/usr/bin/env python3
"""Writes N synthetic case cards (and one synthetic territory file) for the foundation benchmark.

Usage: python3 gen_clusters.py N OUT_DIR   (seeded: the same N gives the same files)
Everything written is synthetic and says so.
"""
import csv
import os
import random
import sys

n = int(sys.argv[1])
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = random.Random(20261128)
initiators = ["private_entrepreneur", "community", "large_enterprise", "university", "municipality",
              "region", "federal", "development_institution"]
owners = ["private", "ngo", "large_enterprise", "university", "municipal", "regional", "federal"]
managers = ["private_company", "ngo", "university", "municipal_institution", "regional_institution"]
support = ["grants", "subsidised_rent", "tax_relief", "infrastructure", "programme_inclusion", "register_status"]
with open(os.path.join(out, "territories.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "kind", "name_ru", "name_en", "second_tier", "industrial", "synthetic"])
    for t in range(50):
        w.writerow([f"t{t:02d}", "city", f"Синтетический город {t}", f"Synthetic town {t}", "yes", "yes", "yes"])
with open(os.path.join(out, "clusters.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "name_en", "territory_id", "initiator", "site_owner", "public_share_creation",
                "public_share_operation", "manager", "support", "public_seats", "board_seats", "residents",
                "private_resident_share", "year_opened", "synthetic"])
    for i in range(n):
        board = rng.randint(0, 9)
        w.writerow([f"c{i:07d}", f"Synthetic cluster {i}", f"t{rng.randrange(50):02d}", rng.choice(initiators),
                    rng.choice(owners), round(rng.random(), 2), round(rng.random(), 2), rng.choice(managers),
                    ";".join(rng.sample(support, rng.randint(0, 4))), rng.randint(0, board), board,
                    rng.randint(0, 200), round(rng.random(), 2), rng.randint(1990, 2025), "yes"])
