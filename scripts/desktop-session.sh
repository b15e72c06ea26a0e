#!/usr/bin/env bash
# Runs a command in a throwaway desktop session: private XDG directories, a
# dbus session bus with an unlocked gnome-keyring (a real Secret Service),
# and a virtual display (Xvfb). Used by the desktop end-to-end tests and
# handy to try the app on a headless machine:
#   scripts/desktop-session.sh <command> [args…]
set -euo pipefail

home="$(mktemp -d -t tremplin-session-XXXXXX)"
trap 'rm -rf "$home"' EXIT
mkdir -p "$home"/{data,config,cache,runtime}
chmod 700 "$home/runtime"
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache"
export XDG_RUNTIME_DIR="$home/runtime"

exec dbus-run-session -- sh -c '
  # A new login keyring, unlocked with a throwaway password.
  printf "session-de-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec xvfb-run -a -s "-screen 0 1280x860x24" "$@"
' session "$@"
