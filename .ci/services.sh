#!/usr/bin/env bash
# Installs and starts what the web tests need, on a fresh Debian machine as root, idempotently:
# a PostgreSQL server (Debian's package) with a test role and database, Debian's chromium, and the
# node packages of e2e/. Prints the variables the tests read. Quiet unless something fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
    apt-get -o DPkg::Lock::Timeout=900 update -qq >/dev/null
    apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL: the newest installed version's cluster "main", started, with role and database.
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$ver main"; then
    pg_createcluster "$ver" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
    pg_ctlcluster "$ver" main start
fi
port=$(pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $3}')
for _ in $(seq 1 30); do
    su postgres -c "pg_isready -q -p $port" && break
    sleep 1
done
psql_pg() { su postgres -c "psql -q -v ON_ERROR_STOP=1 -p $port -tAc \"$1\""; }
if [ -z "$(psql_pg "SELECT 1 FROM pg_roles WHERE rolname = 'creacity'")" ]; then
    psql_pg "CREATE ROLE creacity LOGIN PASSWORD 'creacity'" >/dev/null
fi
if [ -z "$(psql_pg "SELECT 1 FROM pg_database WHERE datname = 'creacity_test'")" ]; then
    psql_pg "CREATE DATABASE creacity_test OWNER creacity" >/dev/null
fi

# Node packages of the browser tests (playwright-core only: it never downloads a browser).
if [ -f e2e/package-lock.json ]; then
    (cd e2e && npm ci --silent --no-audit --no-fund >/dev/null)
fi

echo "CREACITY_TEST_PG=postgres://creacity:creacity@127.0.0.1:$port/creacity_test"
