#!/usr/bin/env python3
"""Lists the crates compiled into Factdesk's binaries with their licences.

Reads `cargo metadata` (with dependencies) on stdin and prints one line per
crate reachable from the app and the CLI through normal dependencies (not
build or dev ones): name, version, licence, repository; then the npm packages
bundled into the window's page. Run from the repository root. The packages ship it
as /usr/share/doc/factdesk/THIRD-PARTY.
"""
import json
import sys

ROOTS = {"factdesk-app", "factdesk-cli"}

meta = json.load(sys.stdin)
packages = {p["id"]: p for p in meta["packages"]}
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
roots = [pid for pid, p in packages.items() if p["name"] in ROOTS]
missing = ROOTS - {packages[r]["name"] for r in roots}
if missing:
    sys.exit(f"third_party: {', '.join(sorted(missing))} not in cargo metadata")

seen, stack = set(), list(roots)
while stack:
    pid = stack.pop()
    if pid in seen:
        continue
    seen.add(pid)
    for dep in nodes[pid]["deps"]:
        if any(k["kind"] is None for k in dep["dep_kinds"]):
            stack.append(dep["pkg"])

print("Crates compiled into factdesk-app and factdesk (name, version, licence, source).")
print("Their licence texts are in each crate's source at the address given.\n")
rows = sorted((packages[p] for p in seen if packages[p]["name"] not in ROOTS and packages[p]["name"] != "factdesk-core"),
              key=lambda p: (p["name"], p["version"]))
unlicensed = [p["name"] for p in rows if not (p.get("license") or p.get("license_file"))]
if unlicensed:
    sys.exit(f"third_party: no licence declared by {', '.join(unlicensed)}")
for p in rows:
    licence = p.get("license") or f"see {p.get('license_file')}"
    where = p.get("repository") or p.get("homepage") or "crates.io"
    print(f"{p['name']} {p['version']}\t{licence}\t{where}")
print(f"\n{len(rows)} crates. SQLite is compiled in through libsqlite3-sys (public domain).")

# The window's page bundles the UI's runtime packages (Vite tree-shakes the rest).
print("\nJavaScript compiled into the window's page (name, version, licence):\n")
for name in sorted(set(json.load(open("ui/package.json"))["dependencies"]) | {"svelte"}):
    with open(f"ui/node_modules/{name}/package.json") as f:
        pkg = json.load(f)
    print(f"{name} {pkg['version']}\t{pkg.get('license', 'see the package')}")
