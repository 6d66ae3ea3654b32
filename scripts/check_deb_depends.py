#!/usr/bin/env python3
"""The Debian dependencies of Factdesk's binaries, and a check of a built .deb.

`check_deb_depends.py --for BINARY...` prints, as a JSON list, the packages
(with minimum versions) dpkg-shlibdeps finds for the libraries the binaries
link — what package.sh declares. `check_deb_depends.py PACKAGE.deb` unpacks a
package, asks the same of the ELF files in its usr/bin and fails naming any
package its control file's Depends does not list (an alternative "a | b"
counts for each name).
"""
import json
import os
import re
import subprocess
import sys
import tempfile



def shlibdeps(bins):
    """What dpkg-shlibdeps says `bins` need, e.g. ["libc6 (>= 2.34)", ...]."""
    with tempfile.TemporaryDirectory() as tmp:
        # dpkg-shlibdeps wants a source package around the files it looks at.
        os.makedirs(os.path.join(tmp, "debian"))
        with open(os.path.join(tmp, "debian/control"), "w") as f:
            f.write("Source: factdesk\n\nPackage: factdesk\nArchitecture: any\n")
        out = subprocess.run(["dpkg-shlibdeps", "-O", *map(os.path.abspath, bins)], cwd=tmp, check=True,
                             capture_output=True, text=True).stdout
    return re.sub(r"^shlibs:Depends=", "", out.strip()).split(", ")


if sys.argv[1] == "--for":
    needed = shlibdeps(sys.argv[2:])
    # Ubuntu 24.04 renamed the OpenSSL library package (the 64-bit time_t move).
    print(json.dumps([n + " | libssl3t64" if n.startswith("libssl3 ") else n for n in needed]))
    sys.exit(0)

deb = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    root = os.path.join(tmp, "root")
    subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    depends = subprocess.run(["dpkg-deb", "-f", deb, "Depends"], check=True, capture_output=True, text=True).stdout
    bins = [os.path.join(root, "usr/bin", b) for b in sorted(os.listdir(os.path.join(root, "usr/bin")))]
    needed = shlibdeps(bins)

declared = {name.strip().split(" ")[0] for part in depends.split(",") for name in part.split("|")}
missing = [n for n in needed if n.split(" ")[0] not in declared]
print(f"binaries: {', '.join(os.path.basename(b) for b in bins)}")
print(f"they need: {', '.join(needed)}")
print(f"declared:  {depends.strip()}")
if missing:
    sys.exit(f"check_deb_depends: {deb} does not declare {', '.join(missing)}")
