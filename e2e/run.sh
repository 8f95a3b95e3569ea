#!/usr/bin/env bash
# Browser tests of the web application: builds creacity, makes a demo workspace with three
# accounts, serves it on a free loopback port, runs the tests in Debian's headless chromium
# (playwright-core, never a downloaded browser), and stops the server whatever happens.
# Needs: /usr/bin/chromium and `npm ci` done in e2e/ (.ci/services.sh does both).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
cargo build -q -p creacity-cli
bin="${CARGO_TARGET_DIR:-$root/target}/debug/creacity"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
"$bin" demo --out "$work/demo" >/dev/null 2>&1
ws="$work/demo/creacity.db"
printf 'e2e-password-1\n' > "$work/pw"
for u in admin:admin analyst:analyst viewer:viewer; do
    "$bin" --workspace "$ws" user add "${u%%:*}" --role "${u##*:}" --password-file "$work/pw" 2>/dev/null
done
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$bin" --workspace "$ws" serve --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
    sleep 0.1
done
export E2E_BASE="http://127.0.0.1:$port" E2E_DATA="$work/demo/data" E2E_PASSWORD="e2e-password-1"
cd "$here"
node --test --test-concurrency=1 tests/ || { echo "server log:"; tail -20 "$work/server.log"; exit 1; }
