#!/usr/bin/env bash
# Installs what is missing, builds Factdesk (release) and opens it on its
# default database (or the one in FACTDESK_DB / given as --db PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
npm --prefix ui run build --silent
cargo build --release -p factdesk-app -p factdesk-cli
exec ./target/release/factdesk-app "$@"
