#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is
# missing, then formatting, lints, Rust tests, UI checks and unit tests, the
# browser end-to-end tests and the desktop end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
# Build products live outside the clone so CI reuses them between runs.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tremplin/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
scripts/prune-target.sh
log="$(mktemp)"
pgdir="$(mktemp -d /tmp/tremplin-pg.XXXXXX)"
trap 'rm -f "$log"; scripts/pg-test.sh --stop "$pgdir"' EXIT

# A throwaway PostgreSQL cluster for the sync server's tests, on a free port.
echo "==> PostgreSQL de test (grappe jetable)"
pgport=55433
while (echo >"/dev/tcp/127.0.0.1/$pgport") 2>/dev/null; do pgport=$((pgport + 1)); done
export TREMPLIN_TEST_DATABASE_URL="$(scripts/pg-test.sh "$pgdir" "$pgport")"

# The desktop crate embeds the built UI: build it first.
echo "==> interface : npm ci, build"
(cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build >/dev/null)

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "==> cargo test"
cargo test --workspace --locked 2>&1 | tee -a "$log"

echo "==> interface : svelte-check, vitest"
(
  cd ui
  npm run check
  NO_COLOR=1 npx vitest run 2>&1 | tee -a "$log"
)

echo "==> bout en bout navigateur (Chromium + tremplin serve-ui + tremplin-server)"
cargo build --locked -p tremplin-cli -p tremplin-server
TREMPLIN_BIN="$CARGO_TARGET_DIR/debug/tremplin" TREMPLIN_SERVER_BIN="$CARGO_TARGET_DIR/debug/tremplin-server" \
  node ui/e2e/run.mjs 2>&1 | tee -a "$log"

echo "==> bout en bout bureau (tauri-driver + WebKitWebDriver, Xvfb, gnome-keyring)"
cargo build --locked -p tremplin-desktop --features tauri/custom-protocol
cargo build --locked -p tremplin-desktop-e2e
scripts/desktop-session.sh env TREMPLIN_DESKTOP_BIN="$CARGO_TARGET_DIR/debug/tremplin-desktop" \
  TREMPLIN_SERVER_BIN="$CARGO_TARGET_DIR/debug/tremplin-server" \
  "$CARGO_TARGET_DIR/debug/tremplin-desktop-e2e" 2>&1 | tee -a "$log"

# One closing line for everything (cargo prints one per test binary).
awk '/^test result:/ { p += $4; f += $6; i += $8 }
     /Tests +[0-9]+ passed/ { for (k = 1; k <= NF; k++) if ($(k+1) ~ /^passed/) p += $k }
     /Tests .*[0-9]+ failed/ { for (k = 1; k <= NF; k++) if ($(k+1) ~ /^failed/) f += $k }
     /^E2E / { for (k = 1; k <= NF; k++) { if ($(k+1) ~ /^passed/) p += $k; if ($(k+1) ~ /^failed/) f += $k } }
     END { printf "Total: %d passed, %d failed, %d skipped\n", p, f, i }' "$log"
