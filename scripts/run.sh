#!/usr/bin/env bash
# Builds Tremplin and opens its demo: a realistic database of the Nord's
# large accounts, employer groupings, contacts and a year of contact log,
# then shows a few commands on it. (The desktop app replaces this once it
# lands.)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tremplin/target}"
cargo build --release --locked -p tremplin-cli
BIN="$CARGO_TARGET_DIR/release/tremplin"

DATA="${XDG_DATA_HOME:-$HOME/.local/share}/tremplin"
CONF="${XDG_CONFIG_HOME:-$HOME/.config}/tremplin"
export TREMPLIN_DB="${TREMPLIN_DB:-$DATA/demo.db}"
export TREMPLIN_KEY_FILE="${TREMPLIN_KEY_FILE:-$CONF/demo.key}"
mkdir -p "$(dirname "$TREMPLIN_DB")"
# A fresh demo each run, with its own key.
rm -f "$TREMPLIN_DB" "$TREMPLIN_DB-wal" "$TREMPLIN_DB-shm" "$TREMPLIN_KEY_FILE"

"$BIN" demo
echo
echo "==> tremplin search société"
"$BIN" search société
echo
echo "==> tremplin org list --kind grand_compte"
"$BIN" org list --kind grand_compte
echo
echo "==> tremplin task list"
"$BIN" task list
cat <<MSG

Pour continuer avec cette base :
  export TREMPLIN_DB="$TREMPLIN_DB" TREMPLIN_KEY_FILE="$TREMPLIN_KEY_FILE"
  $BIN --help
MSG
