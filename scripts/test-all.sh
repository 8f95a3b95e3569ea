#!/usr/bin/env bash
# Runs every test: the Rust workspace (SQLite always; PostgreSQL when a server is available) and the
# browser tests of the web application. As root on Debian it first installs and starts what those
# need (.ci/services.sh: PostgreSQL, Chromium, the e2e node packages). Elsewhere, or when that fails
# outside CI, the PostgreSQL and browser tests are skipped with a notice.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CREACITY_TEST_PG:-}" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        if line=$(bash .ci/services.sh | tail -1) && [ -n "$line" ]; then
            export "$line"
        elif [ -n "${CI:-}" ]; then
            echo "error: .ci/services.sh failed" >&2
            exit 1
        fi
    fi
fi
[ -n "${CREACITY_TEST_PG:-}" ] || echo "notice: CREACITY_TEST_PG is not set: PostgreSQL tests will be skipped"

cargo test --workspace

if [ -x /usr/bin/chromium ] && [ -d e2e/node_modules ]; then
    bash e2e/run.sh
elif [ -n "${CI:-}" ]; then
    echo "error: browser tests need /usr/bin/chromium and e2e/node_modules (.ci/services.sh)" >&2
    exit 1
else
    echo "notice: browser tests skipped (need /usr/bin/chromium and 'npm ci' in e2e/)"
fi
