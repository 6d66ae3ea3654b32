#!/usr/bin/env bash
# Installs what Factdesk needs to build, run and test on Debian/Ubuntu:
# system packages (apt, with sudo when not root), the UI's npm packages and
# tauri-driver. Idempotent: it only installs what is missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Build: compiler, pkg-config, WebKitGTK. Run and E2E: Xvfb, WebKitWebDriver,
# ImageMagick (for whole-screen screenshots when debugging E2E runs). Tests:
# cmark-gfm, GFM's reference parser, checks that Markdown exports make no links;
# sqlite3, the distribution's shell, plays another program reading the file;
# PostgreSQL (with postgresql-common's pg_virtualenv) gives every store test
# a throwaway server; libssl-dev builds the TLS the team database speaks.
# Spell checking: hunspell dictionaries of the languages a story can be in
# (WebKitGTK checks through enchant with them).
packages=(build-essential pkg-config libwebkit2gtk-4.1-dev libssl-dev xvfb xauth webkit2gtk-driver imagemagick cmark-gfm sqlite3
  postgresql postgresql-contrib postgresql-common
  hunspell-en-us hunspell-en-gb hunspell-de-de hunspell-es hunspell-fr hunspell-ru hunspell-uk)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: Rust is not installed; install it with rustup (https://rustup.rs), then run this again" >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js $(node --version) is too old; the UI build (Vite 8) needs Node 20.19 or newer" >&2
  exit 1
fi

if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  say "installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked --quiet
fi

lock_sum=$(sha256sum ui/package-lock.json | cut -d' ' -f1)
stamp=ui/node_modules/.factdesk-lock-sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  say "installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > "$stamp"
fi
