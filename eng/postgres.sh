#!/usr/bin/env bash
# Sourced. cachinggen_postgres_start: a throw-away PostgreSQL 15 cluster in a temp folder on a free loopback
# port, owned by the 'postgres' user when run as root (initdb refuses root). Exports CACHINGGEN_POSTGRES (an
# Npgsql connection string). cachinggen_postgres_stop stops it and deletes the folder.

cachinggen_pg_bin="${CACHINGGEN_PG_BIN:-/usr/lib/postgresql/15/bin}"
cachinggen_pg_dir=""

cachinggen_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

cachinggen_postgres_start() {
  if [ ! -x "$cachinggen_pg_bin/initdb" ]; then
    echo "PostgreSQL binaries not found in $cachinggen_pg_bin (set CACHINGGEN_PG_BIN)" >&2
    return 1
  fi
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  cachinggen_pg_dir="$(mktemp -d /tmp/cachinggen-pg.XXXXXX)"
  chmod 755 "$cachinggen_pg_dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$cachinggen_pg_dir"; fi
  cachinggen_pg_as_owner "'$cachinggen_pg_bin/initdb' -D '$cachinggen_pg_dir/data' -U postgres -A trust -E UTF8 --no-locale >'$cachinggen_pg_dir/initdb.log' 2>&1" || {
    cat "$cachinggen_pg_dir/initdb.log" >&2; return 1; }
  cachinggen_pg_as_owner "'$cachinggen_pg_bin/pg_ctl' -D '$cachinggen_pg_dir/data' -l '$cachinggen_pg_dir/server.log' -w -t 60 \
    -o \"-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$cachinggen_pg_dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c wal_level=logical -c max_replication_slots=20 -c max_wal_senders=20\" start >/dev/null" || {
    cat "$cachinggen_pg_dir/server.log" >&2; return 1; }
  export CACHINGGEN_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100"
  echo "postgres: 127.0.0.1:$port"
}

# The commands that stop the running cluster abruptly and start it again on the same port (pg_ctl restart reuses the
# options of the last start), for a demo of the database going down: printed, to be run with 'sh -c'.
cachinggen_postgres_outage_commands() {
  local as_owner="bash -c"
  if [ "$(id -u)" -eq 0 ]; then as_owner="su postgres -s /bin/bash -c"; fi
  echo "$as_owner \"'$cachinggen_pg_bin/pg_ctl' -D '$cachinggen_pg_dir/data' -m immediate stop >/dev/null\""
  echo "$as_owner \"'$cachinggen_pg_bin/pg_ctl' -D '$cachinggen_pg_dir/data' -l '$cachinggen_pg_dir/server.log' -w -t 60 restart >/dev/null\""
}

cachinggen_postgres_stop() {
  [ -n "$cachinggen_pg_dir" ] || return 0
  cachinggen_pg_as_owner "'$cachinggen_pg_bin/pg_ctl' -D '$cachinggen_pg_dir/data' -m immediate stop >/dev/null 2>&1" || true
  rm -rf "$cachinggen_pg_dir"
  cachinggen_pg_dir=""
}
