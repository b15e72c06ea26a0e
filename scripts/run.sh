#!/usr/bin/env bash
# Builds Tremplin and opens the desktop app on its demo database (created on
# first launch, encrypted with a key kept in the system keyring). Without a
# display, runs it in a virtual desktop session (Xvfb + a throwaway keyring).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tremplin/target}"
(cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build >/dev/null)
# `custom-protocol` embeds the built UI (a plain build would load the dev server).
cargo build --locked -p tremplin-desktop --features tauri/custom-protocol
BIN="$CARGO_TARGET_DIR/debug/tremplin-desktop"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$BIN" --demo
fi
echo "Pas d'écran : Tremplin démarre dans une session de bureau virtuelle (Xvfb, trousseau de test)."
echo "Ctrl+C pour l'arrêter. Sur un poste avec écran, la même commande ouvre la fenêtre."
exec scripts/desktop-session.sh "$BIN" --demo
