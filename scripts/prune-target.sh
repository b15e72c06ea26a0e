#!/usr/bin/env bash
# Keeps the persistent build directory from filling the disk. Cargo never
# deletes a superseded build: each change to a workspace crate leaves another
# copy of every test binary that links it, and CI's linker died of a full disk
# (SIGBUS) on 1 Dec 2026 with 60 GB of them. Keeps the newest four builds of
# each test binary and workspace library (several feature sets are live at
# once); dependencies are left alone (their old builds are still live).
# Under 15 GB free, the incremental caches go too (rebuilt at the next build).
set -euo pipefail
target="${1:-${CARGO_TARGET_DIR:-$HOME/.cache/tremplin/target}}"
deps="$target/debug/deps"
[ -d "$deps" ] || exit 0

newest_first() { find "$deps" -maxdepth 1 -type f "$@" -printf '%T@ %f\n' | sort -rn; }
beyond_four() { awk '{ n = $2; sub(/-[0-9a-f]+(\.[a-z]+)?$/, "", n); if (++seen[n] > 4) print $2 }'; }

{
  newest_first -executable -name '*-????????????????' | beyond_four
  newest_first -name 'libtremplin_*-*.rlib' | beyond_four
  newest_first -name 'libtremplin_*-*.rmeta' | beyond_four
} | (cd "$deps" && xargs -r rm -f --)

free_kb="$(df -Pk "$target" | awk 'NR == 2 { print $4 }')"
if [ "$free_kb" -lt $((15 * 1024 * 1024)) ]; then
  rm -rf "$target/debug/incremental" "$target/debug/examples"
fi
