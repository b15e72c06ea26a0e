#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is
# missing, then formatting, lints and every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
# Build products live outside the clone so CI reuses them between runs.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tremplin/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

echo "==> cargo test"
cargo test --workspace --locked 2>&1 | tee -a "$log"

echo "==> interface : npm ci, svelte-check, vitest, build"
(
  cd ui
  npm ci --no-audit --no-fund --loglevel=error
  npm run check
  NO_COLOR=1 npx vitest run 2>&1 | tee -a "$log"
  npm run build
)

echo "==> bout en bout navigateur (Chromium + tremplin serve-ui)"
cargo build --locked -p tremplin-cli
TREMPLIN_BIN="$CARGO_TARGET_DIR/debug/tremplin" node ui/e2e/run.mjs 2>&1 | tee -a "$log"

# One closing line for everything (cargo prints one per test binary).
awk '/^test result:/ { p += $4; f += $6; i += $8 }
     /Tests +[0-9]+ passed/ { for (k = 1; k <= NF; k++) if ($(k+1) ~ /^passed/) p += $k }
     /Tests .*[0-9]+ failed/ { for (k = 1; k <= NF; k++) if ($(k+1) ~ /^failed/) f += $k }
     /^E2E / { for (k = 1; k <= NF; k++) { if ($(k+1) ~ /^passed/) p += $k; if ($(k+1) ~ /^failed/) f += $k } }
     END { printf "Total: %d passed, %d failed, %d skipped\n", p, f, i }' "$log"
