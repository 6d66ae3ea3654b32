#!/usr/bin/env bash
# Installs what is missing, then runs every test: the UI's unit and
# component tests, and all Rust tests (core units and properties, store
# tests on SQLite and on PostgreSQL, CLI, and the end-to-end tests of the
# real window under Xvfb). pg_virtualenv starts a throwaway PostgreSQL
# cluster for the run (exporting PGHOST, PGPORT, PGUSER, PGPASSWORD) and
# drops it afterwards. FACTDESK_PACKAGE_TEST=1 adds the package test
# (scripts/package-test.sh: a release build, then the .deb installed with apt,
# checked and removed).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

echo "==> UI tests" >&2
npm --prefix ui run build --silent
npm --prefix ui test --silent

echo "==> Rust tests (end-to-end under Xvfb)" >&2
cargo build --workspace --quiet
pg_virtualenv xvfb-run -a --server-args="-screen 0 1280x800x24" cargo test --workspace

if [ "${FACTDESK_PACKAGE_TEST:-0}" = 1 ]; then
  echo "==> Package test" >&2
  ./scripts/package-test.sh
fi
