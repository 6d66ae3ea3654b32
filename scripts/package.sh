#!/usr/bin/env bash
# Builds the release packages through the Tauri bundler: a .deb and an .rpm
# holding the window app (/usr/bin/factdesk-app, its desktop entry and icons),
# the command line (/usr/bin/factdesk), its man pages and bash/zsh/fish
# completions, the licence, the Debian copyright file and the third-party
# licence list. The version is Cargo.toml's. Prints where the packages are.
#
# AppImage is left out on purpose: the bundler downloads its tools
# (linuxdeploy, the AppImage runtime) at build time, and this machine and
# many newsroom build hosts have no general internet access.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
./scripts/setup.sh

release="$target_dir/release"
stage="$target_dir/package"
rm -rf "$stage"
mkdir -p "$stage/man" "$stage/completions"

say "building the app and the command line (release; the first build takes several minutes)"
npm --prefix ui run build --silent
cargo build --release --locked --quiet -p factdesk-app -p factdesk-cli
cli="$release/factdesk"

say "generating man pages and completions from the CLI definition"
"$cli" manual "$stage/man" >/dev/null
# Debian policy: man pages compressed with gzip -9n (no name or timestamp).
gzip -9n "$stage"/man/*.1
"$cli" completions bash > "$stage/completions/factdesk"
"$cli" completions zsh > "$stage/completions/_factdesk"
"$cli" completions fish > "$stage/completions/factdesk.fish"

say "listing the licences of the crates in the binaries"
cargo metadata --format-version 1 --locked --filter-platform "$(rustc -vV | sed -n 's/^host: //p')" |
  python3 scripts/third_party.py > "$stage/THIRD-PARTY"

# Files outside the app binary, in both package formats. Paths depend on the
# target directory, so they go in a config overlay rather than tauri.conf.json.
# The .deb's Depends are what dpkg-shlibdeps finds the two binaries link.
depends=$(python3 scripts/check_deb_depends.py --for "$release/factdesk-app" "$cli")
python3 - "$stage" "$cli" "$depends" > "$stage/tauri.package.json" <<'PY'
import json, os, sys
stage, cli, depends = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
doc = "/usr/share/doc/factdesk"
files = {
    "/usr/bin/factdesk": cli,
    f"{doc}/copyright": os.path.abspath("packaging/copyright"),
    f"{doc}/THIRD-PARTY": f"{stage}/THIRD-PARTY",
    f"{doc}/README.md": os.path.abspath("README.md"),
    "/usr/share/bash-completion/completions/factdesk": f"{stage}/completions/factdesk",
    "/usr/share/zsh/vendor-completions/_factdesk": f"{stage}/completions/_factdesk",
    "/usr/share/fish/vendor_completions.d/factdesk.fish": f"{stage}/completions/factdesk.fish",
}
for page in sorted(os.listdir(f"{stage}/man")):
    files[f"/usr/share/man/man1/{page}"] = f"{stage}/man/{page}"
rpm_files = dict(files)
# RPM distributions keep zsh functions here.
rpm_files["/usr/share/zsh/site-functions/_factdesk"] = rpm_files.pop("/usr/share/zsh/vendor-completions/_factdesk")
print(json.dumps({"bundle": {"linux": {"deb": {"files": files, "depends": depends}, "rpm": {"files": rpm_files}}}}, indent=2))
PY

say "bundling the packages"
rm -rf "$release/bundle/deb" "$release/bundle/rpm"
# The app is built already (above); the workspace builds only the fast
# crates by default, so name it.
ui/node_modules/.bin/tauri build --ci --bundles deb,rpm --config "$stage/tauri.package.json" -- --locked -p factdesk-app

# The bundler names files after the product ("Factdesk_…"); Debian and RPM
# name them after the package.
for f in "$release"/bundle/deb/*.deb "$release"/bundle/rpm/*.rpm; do
  lower="$(dirname "$f")/$(basename "$f" | tr '[:upper:]' '[:lower:]')"
  [ "$f" = "$lower" ] || mv "$f" "$lower"
done
deb=$(ls "$release"/bundle/deb/factdesk_*.deb)
rpm=$(ls "$release"/bundle/rpm/factdesk-*.rpm)

say "checking the .deb's dependencies cover every library the binaries link"
python3 scripts/check_deb_depends.py "$deb"

say "packages"
for f in "$release/factdesk-app" "$cli" "$deb" "$rpm"; do
  printf '%8s KiB  %s\n' "$(($(stat -c %s "$f") / 1024))" "$f"
done
