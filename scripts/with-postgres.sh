#!/usr/bin/env bash
# Runs COMMAND with a throwaway PostgreSQL cluster: scripts/with-postgres.sh COMMAND...
#
# Creates a cluster in a fresh temporary folder (initdb --auth=trust, server
# binaries from /usr/lib/postgresql/*/bin, newest version first), listening
# only on a unix socket in that folder (listen_addresses=''), exports
# SOUPKEEPER_TEST_PG=postgresql:///postgres?host=<folder>&user=postgres, runs
# COMMAND, then stops the cluster and removes the folder, however COMMAND
# ends. Exits with COMMAND's exit code (3 when the cluster cannot be set up).
# When run as root, the server runs as the unprivileged `postgres` user (the
# Debian postgresql package creates it), which owns the folder.
set -uo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "with-postgres.sh: no PostgreSQL server found under /usr/lib/postgresql/*/bin" >&2
  exit 3
fi

as_server=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres.sh: running as root but there is no 'postgres' user to run the server" >&2
    exit 3
  fi
  as_server=(runuser -u postgres --)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/soupkeeper-pg-XXXXXX") || exit 3
cleanup() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    "${as_server[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if [ "${#as_server[@]}" -gt 0 ]; then
  chown postgres: "$dir"
fi
chmod 700 "$dir"

fail() {  # message, log file
  echo "with-postgres.sh: $1" >&2
  [ -f "$2" ] && cat "$2" >&2
  exit 3
}
"${as_server[@]}" "$bindir/initdb" -D "$dir/data" --auth=trust --username=postgres \
  --encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
  fail "initdb failed" "$dir/initdb.log"
"${as_server[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off \
      -c synchronous_commit=off -c full_page_writes=off" start >/dev/null 2>&1 ||
  fail "the server did not start" "$dir/server.log"

export SOUPKEEPER_TEST_PG="postgresql:///postgres?host=$dir&user=postgres"
"$@"
exit $?
