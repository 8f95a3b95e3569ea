#!/bin/sh
# Runs the content-analysis benchmark and its peers on the same generated corpus, in one go:
# the Rust bench first and last (the machine's load drifts), the peers between.
#   sh benches/peers/text/run.sh [TOKENS] [DIR] [STREAM]
# TOKENS (default 1000000) is the size of the corpus written to DIR (default
# $CARGO_TARGET_DIR/text-bench or target/text-bench) and read by every tool; STREAM (default 0)
# adds a Rust-only run over that many tokens generated on the fly.
set -e
TOKENS=${1:-1000000}
DIR=${2:-${CARGO_TARGET_DIR:-target}/text-bench}
STREAM=${3:-0}
HERE=$(dirname "$0")
bench() { cargo bench -p creacity-text --bench throughput -- --tokens "$TOKENS" --out "$DIR" --repeat 3 "$@"; }
echo "== creacity-text (Rust), $TOKENS tokens"
bench
for stem in "" --stem; do
  for i in 1 2 3; do python3 "$HERE/sklearn_count.py" "$DIR" $stem; done
done
for stem in "" --stem; do
  /usr/bin/time -f "peak_rss_kb %M" Rscript "$HERE/tidytext_count.R" "$DIR" $stem
  /usr/bin/time -f "peak_rss_kb %M" Rscript "$HERE/tm_count.R" "$DIR" $stem
done
echo "== creacity-text (Rust) again"
bench --stream "$STREAM"
