# Sourced by the build, package and benchmark scripts: how they speak, and
# where cargo puts its output (CARGO_TARGET_DIR or the workspace's target/).
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
