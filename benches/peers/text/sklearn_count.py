"""Peer for crates/text/benches/throughput.rs: scikit-learn CountVectorizer doing the same task.

Tokenise + lower-case (+ Snowball stem with --stem) + dictionary lookup (5,000 globs in 50
categories) on the generated corpus, counts per document and category. Reads DIR/corpus.txt
(one document a line) and DIR/dict.tsv (category<TAB>pattern) written by the Rust bench.

    python3 benches/peers/text/sklearn_count.py DIR [--stem]

Prints tokens, seconds (after reading the files), tokens/s, the checksum (total count, equal to
the Rust bench's) and the peak resident memory of the process.
"""

import re
import resource
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

WORD = r"(?u)\b\w+(?:[-'\u2019]\w+)*\b"


def main() -> None:
    folder = sys.argv[1]
    stem = "--stem" in sys.argv
    with open(f"{folder}/corpus.txt", encoding="utf-8") as f:
        docs = f.read().split("\n")[:-1]
    pats = []
    with open(f"{folder}/dict.tsv", encoding="utf-8") as f:
        for line in f:
            cat, pat = line.rstrip("\n").split("\t")
            pats.append((cat, pat.lower()))
    cats = sorted({c for c, _ in pats})
    cat_ix = {c: i for i, c in enumerate(cats)}

    t0 = time.perf_counter()
    if stem:
        import snowballstemmer

        ru = snowballstemmer.stemmer("russian")
        en = snowballstemmer.stemmer("english")
        cache = {}
        token_re = re.compile(WORD)
        cyr = re.compile("[\u0400-\u04ff]")

        def analyzer(doc):
            out = []
            for w in token_re.findall(doc.lower()):
                s = cache.get(w)
                if s is None:
                    s = ru.stemWord(w.replace("ё", "е")) if cyr.search(w) else en.stemWord(w)
                    cache[w] = s
                out.append(s)
            return out

        cv = CountVectorizer(analyzer=analyzer)
    else:
        cv = CountVectorizer(lowercase=True, token_pattern=WORD)
    x = cv.fit_transform(docs)
    vocab = cv.get_feature_names_out()
    exact, prefix = {}, {}
    for c, p in pats:
        if p.endswith("*") and "*" not in p[:-1] and "?" not in p:
            prefix.setdefault(p[:-1], set()).add(cat_ix[c])
        else:
            exact.setdefault(p, set()).add(cat_ix[c])
    maxlen = max(len(p) for p in prefix)
    rows, cols = [], []
    for j, w in enumerate(vocab):
        hit = set(exact.get(w, ()))
        for k in range(0, min(len(w), maxlen) + 1):
            hit |= prefix.get(w[:k], set())
        for c in hit:
            rows.append(j)
            cols.append(c)
    m = sp.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(len(vocab), len(cats)))
    counts = x @ m
    secs = time.perf_counter() - t0
    ntok = int(x.sum())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"sklearn {'stem' if stem else 'nostem'}: tokens {ntok} seconds {secs:.3f} "
          f"tokens/s {ntok / secs:.0f} checksum {int(counts.sum())} peak_rss_mib {rss:.0f}")


if __name__ == "__main__":
    main()
