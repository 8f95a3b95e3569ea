#!/usr/bin/env bash
# Browser tests of the web application: builds creacity, makes a demo workspace with three
# accounts, serves it on a free loopback port, runs the tests in Debian's headless chromium
# (playwright-core, never a downloaded browser), and stops the server whatever happens. A second
# server on the same workspace draws its map over tiles from a local stand-in (tile-server.py).
# Needs: /usr/bin/chromium and `npm ci` done in e2e/ (.ci/services.sh does both).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
cargo build -q -p creacity-cli
bin="${CARGO_TARGET_DIR:-$root/target}/debug/creacity"
work="$(mktemp -d)"
server_pid=""
tiled_pid=""
tile_pid=""
cleanup() {
    for pid in "$server_pid" "$tiled_pid" "$tile_pid"; do
        if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    done
    rm -rf "$work"
}
trap cleanup EXIT
"$bin" demo --out "$work/demo" >/dev/null 2>&1
ws="$work/demo/creacity.db"
printf 'e2e-password-1\n' > "$work/pw"
for u in admin:admin analyst:analyst viewer:viewer; do
    "$bin" --workspace "$ws" user add "${u%%:*}" --role "${u##*:}" --password-file "$work/pw" 2>/dev/null
done
# Results for the QCA, index, mapping and Texts pages, and the synthetic outlines for the map (small
# synthetic inputs; the demo cities are the units).
"$bin" --workspace "$ws" outlines import "$root/data/demo/outlines.geojson" >/dev/null 2>&1
"$bin" --workspace "$ws" qca --outcome INITIATIVE --conditions PRIV_INIT,PUB_SITE,PUB_CREATE,PUB_OPER >/dev/null
printf '%s\n' 'Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type' \
    '1,museums,Museums,1,1,,,,Culture,Indicator' '1,firms,Creative firms,1,1,,,,Economy,Indicator' \
    '2,Culture,Culture,1,1,,,,Index,Aggregate' '2,Economy,Economy,1,1,,,,Index,Aggregate' \
    '3,Index,Creative city index (synthetic),1,1,,,,,Aggregate' > "$work/meta.csv"
printf '%s\n' 'uCode,uName,museums,firms' 't01,Ferrograd (synthetic),4,20' 't02,Kobaltovsk (synthetic),6,30' \
    't03,Liteinsk (synthetic),8,50' 't04,Granitogorsk (synthetic),5,40' > "$work/data.csv"
"$bin" --workspace "$ws" index build --idata "$work/data.csv" --imeta "$work/meta.csv" >/dev/null 2>&1
printf '%s\n' 'territory,design,software,crafts,media' 't01,10,20,5,8' 't02,3,2,9,1' 't03,7,1,2,6' 't04,4,12,3,3' > "$work/m.csv"
"$bin" --workspace "$ws" map indices --matrix "$work/m.csv" --save >/dev/null 2>&1
# The Texts page: the shipped problem dictionary counted over the demo corpus, per year.
"$bin" --workspace "$ws" text count --by year >/dev/null 2>&1
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
port="$(free_port)"
"$bin" --workspace "$ws" serve --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
# A second server on the same workspace with a tile background from a local stand-in tile server.
tile_port="$(free_port)"
python3 "$here/tile-server.py" "$tile_port" &
tile_pid=$!
tiled_port="$(free_port)"
"$bin" --workspace "$ws" serve --bind "127.0.0.1:$tiled_port" \
    --tiles "http://127.0.0.1:$tile_port/{z}/{x}/{y}.png" --tiles-attribution "Test tiles (synthetic)" >"$work/tiled.log" 2>&1 &
tiled_pid=$!
for p in "$port" "$tiled_port"; do
    for _ in $(seq 1 100); do
        curl -fsS "http://127.0.0.1:$p/api/health" >/dev/null 2>&1 && break
        sleep 0.1
    done
done
export E2E_BASE="http://127.0.0.1:$port" E2E_DATA="$work/demo/data" E2E_PASSWORD="e2e-password-1"
export E2E_TILED_BASE="http://127.0.0.1:$tiled_port"
cd "$here"
node --test --test-concurrency=1 tests/ || { echo "server log:"; tail -20 "$work/server.log"; exit 1; }
