#!/usr/bin/env bash
# The package test: builds the packages (scripts/package.sh), installs the
# .deb on this machine with apt, checks what an installed Factdesk must have
# and do, and removes it again — also when a check fails. Needs root or sudo.
# Run by scripts/test.sh when FACTDESK_PACKAGE_TEST=1 (it builds a release,
# several minutes), or on its own.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

fail() { echo "package-test: $*" >&2; exit 1; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if dpkg-query -W -f='${Status}' factdesk 2>/dev/null | grep -q "install ok installed"; then
  fail "a factdesk package is installed already; remove it first (sudo apt remove factdesk), the test installs and removes its own"
fi
# desktop-file-validate checks the desktop entry; rpm reads the .rpm's contents.
for p in desktop-file-utils rpm; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null
done

./scripts/package.sh
deb=$(ls "$target_dir"/release/bundle/deb/*.deb)
rpm=$(ls "$target_dir"/release/bundle/rpm/*.rpm)
version=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "factdesk-cli"))')

say "the .rpm holds the same files"
# Listed once: grep -q stopping early would make rpm fail on a closed pipe.
rpm_files=$(rpm -qlp "$rpm" 2>/dev/null)
for f in /usr/bin/factdesk /usr/bin/factdesk-app /usr/share/man/man1/factdesk.1.gz \
  /usr/share/bash-completion/completions/factdesk /usr/share/fish/vendor_completions.d/factdesk.fish \
  /usr/share/zsh/site-functions/_factdesk /usr/share/doc/factdesk/copyright; do
  grep -qx "$f" <<<"$rpm_files" || fail "$rpm lacks $f"
done
rpm -qp --qf '%{VERSION}\n' "$rpm" 2>/dev/null | grep -qx "$version" || fail "$rpm is not version $version"

say "installing $deb"
scratch=$(mktemp -d)
cleanup() {
  say "removing the package"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq factdesk >/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$(realpath "$deb")" >/dev/null

say "checking the installed program"
[ "$(command -v factdesk)" = /usr/bin/factdesk ] || fail "factdesk is not /usr/bin/factdesk"
[ "$(factdesk --version)" = "factdesk $version" ] || fail "factdesk --version says '$(factdesk --version)', not $version"
dpkg-query -W -f='${Version}' factdesk | grep -q "^$version" || fail "the package is not version $version"

db="$scratch/desk.sqlite3"
id=$(factdesk --db "$db" import src-tauri/core/tests/fixtures/published-story.txt)
[ "$id" = 1 ] || fail "import printed '$id'"
grep -q "draft" <<<"$(factdesk --db "$db" list)" || fail "the imported story is not listed"
factdesk --db "$db" export "$id" --format itn >"$scratch/out.txt"
cmp -s "$scratch/out.txt" src-tauri/core/tests/fixtures/published-story.canonical.txt || fail "the installed CLI's export differs from the fixture's canonical text"

desktop=$(dpkg -L factdesk | grep '^/usr/share/applications/.*\.desktop$')
desktop-file-validate "$desktop" || fail "$desktop does not validate"
grep -qx 'Exec=factdesk-app' "$desktop" || fail "$desktop does not start factdesk-app"
icon=$(sed -n 's/^Icon=//p' "$desktop")
for size in 16x16 22x22 24x24 32x32 48x48 64x64 128x128 256x256 512x512; do
  [ -f "/usr/share/icons/hicolor/$size/apps/$icon.png" ] || fail "no $size icon named $icon"
done

grep -q '^\.TH factdesk 1' <<<"$(zcat /usr/share/man/man1/factdesk.1.gz)" || fail "no man page factdesk(1)"
for sub in import export publish db-copy source-add; do
  [ -f "/usr/share/man/man1/factdesk-$sub.1.gz" ] || fail "no man page factdesk-$sub(1)"
done
bash -c 'source /usr/share/bash-completion/completions/factdesk && complete -p factdesk' >/dev/null ||
  fail "the bash completion does not register"
[ -f /usr/share/zsh/vendor-completions/_factdesk ] || fail "no zsh completion"
[ -f /usr/share/fish/vendor_completions.d/factdesk.fish ] || fail "no fish completion"
for f in copyright THIRD-PARTY; do
  [ -s "/usr/share/doc/factdesk/$f" ] || fail "no /usr/share/doc/factdesk/$f"
done

if ldd /usr/bin/factdesk-app /usr/bin/factdesk | grep -q 'not found'; then
  fail "a linked library is missing: $(ldd /usr/bin/factdesk-app /usr/bin/factdesk | grep 'not found')"
fi
# Without a display the window app says so in one line and stops.
out=$(env -u DISPLAY -u WAYLAND_DISPLAY factdesk-app --db "$db" 2>&1 >/dev/null) && fail "factdesk-app started without a display"
[ "$(printf '%s\n' "$out" | grep -c .)" = 1 ] || fail "without a display factdesk-app said: $out"
# With one it stays up (a window open) until stopped.
set +e
XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  xvfb-run -a timeout 8 factdesk-app --db "$db" >"$scratch/app.log" 2>&1
status=$?
set -e
[ "$status" = 124 ] || fail "factdesk-app exited with $status within 8 s: $(cat "$scratch/app.log")"

say "package test passed: $(basename "$deb") (version $version)"
