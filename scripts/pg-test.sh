#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests and prints its admin
# URL (the tests create one database each under it).
#   scripts/pg-test.sh DIR [PORT]     start (DIR is made if missing)
#   scripts/pg-test.sh --stop DIR     stop and remove
# Tuned for tests: no fsync, many connections (the sync benchmarks open
# hundreds). initdb refuses root: as root the cluster runs as `postgres`.
set -euo pipefail

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
[ -x "$bin/initdb" ] || { echo "PostgreSQL introuvable : lancez scripts/setup.sh" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "${1:-}" = "--stop" ]; then
  dir="$2"
  [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

dir="${1:?usage: pg-test.sh DIR [PORT]}"
port="${2:-55432}"
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
if [ ! -f "$dir/data/PG_VERSION" ]; then
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
fi
if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start -o \
    "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
     -c full_page_writes=off -c max_connections=400 -c shared_buffers=256MB" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"
