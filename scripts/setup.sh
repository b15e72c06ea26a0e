#!/usr/bin/env bash
# Installs what building and testing Tremplin needs on Debian 12, when it is
# missing. Idempotent; needs root (or sudo) only when something is missing.
set -euo pipefail

# Build: a C toolchain, OpenSSL's libcrypto for the bundled SQLCipher, and
# WebKitGTK with its friends for the Tauri desktop shell.
# Tests: sqlite3 (checks that the encrypted file is unreadable), binutils,
# Debian's Chromium for the browser end-to-end tests (nothing downloads a
# browser), and for the desktop ones Xvfb, WebKitWebDriver, a dbus session
# and gnome-keyring (a real Secret Service); PostgreSQL for the sync
# server's tests (a throwaway cluster, scripts/pg-test.sh); qpdf and
# poppler-utils (pdftotext, pdfinfo) read the generated PDFs back.
PACKAGES=(build-essential pkg-config libssl-dev file libwebkit2gtk-4.1-dev libxdo-dev
  libayatana-appindicator3-dev librsvg2-dev sqlite3 binutils chromium xvfb xauth webkit2gtk-driver
  gnome-keyring dbus dbus-x11 libsecret-tools postgresql qpdf poppler-utils)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> Installation des paquets manquants : ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v node >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "Node.js ≥ 20.19 est requis pour construire l'interface (node --version : $(node --version 2>/dev/null || echo absent))." >&2
  exit 1
fi

if ! command -v cargo >/dev/null; then
  echo "Rust est introuvable : installez la chaîne Rust stable (rustup, édition 2024, Rust ≥ 1.85) puis relancez." >&2
  exit 1
fi
for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    if command -v rustup >/dev/null; then rustup component add "$component"; else
      echo "Composant Rust manquant : $component" >&2; exit 1; fi
  fi
done

# The WebDriver bridge for Tauri apps (a crate; builds in about a minute).
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null || ! tauri-driver --help 2>&1 | grep -q -- --native-driver; then
  echo "==> Installation de tauri-driver 2.1.0"
  cargo install tauri-driver --version 2.1.0 --locked
fi
