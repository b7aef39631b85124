#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests: its own data directory, its own loopback port.
#   scripts/postgres.sh start DIR PORT   installs PostgreSQL with apt-get when it is missing,
#                                        creates DIR, starts the server, prints its connection string
#   scripts/postgres.sh stop DIR         stops it and removes DIR
#   scripts/postgres.sh halt DIR         stops it and keeps DIR (an outage); resume DIR PORT starts it again
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_owner() {
  # PostgreSQL refuses to run as root: run it as the 'postgres' user then.
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

case "${1:-}" in
  start)
    dir=$2 port=$3
    bin=$(find_bin)
    if [ -z "$bin" ]; then
      echo "PostgreSQL is missing: installing it with apt-get." >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      apt-get install -y -qq postgresql >&2
      bin=$(find_bin)
    fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "'$bin/initdb' -D '$dir/data' -U crm --auth=trust --encoding=UTF8 --locale=C.UTF-8 >'$dir/initdb.log'"
    as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 \
      -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB\" start >&2"
    as_owner "'$bin/createdb' -h 127.0.0.1 -p $port -U crm crm_test"
    echo "Host=127.0.0.1;Port=$port;Username=crm;Database=crm_test"
    ;;
  halt)
    # Stops the server and keeps its data, for a test of an outage; 'resume' starts it again.
    dir=$2
    as_owner "'$(find_bin)/pg_ctl' -D '$dir/data' -m fast -w stop >&2"
    ;;
  resume)
    dir=$2 port=$3
    as_owner "'$(find_bin)/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 \
      -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB\" start >&2"
    ;;
  stop)
    dir=$2
    bin=$(find_bin)
    if [ -d "$dir/data" ]; then as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop >&2" || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR | halt DIR | resume DIR PORT" >&2
    exit 2
    ;;
esac
