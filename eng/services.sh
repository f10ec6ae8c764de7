#!/usr/bin/env bash
# Sourced by eng/test.sh. Makes the services the integration tests talk to available on loopback:
#   CACHINGGEN_REDIS          one Redis node            (host:port)
#   CACHINGGEN_REDIS_CLUSTER  a 3-master Redis Cluster  (host:port,host:port,host:port)
#   CACHINGGEN_REDIS_SERVER   the redis-server binary, for tests that stop and restart their own Redis
#   CACHINGGEN_CHROMIUM       a Chromium binary, for the test that opens the cache map page in a real browser
# A variable already set is used as it is. Otherwise the service is started here, in a temp folder,
# and stopped when the calling shell exits (cachinggen_services_stop).

cachinggen_services_dir="$(mktemp -d /tmp/cachinggen-services.XXXXXX)"
cachinggen_services_pids=()

cachinggen_services_stop() {
  for pid in "${cachinggen_services_pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${cachinggen_services_pids[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$cachinggen_services_dir"
}

cachinggen_ensure_redis() {
  if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing redis-server (Debian package)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >/dev/null 2>&1 || true
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "redis-server is not installed and could not be installed: run 'sudo apt-get install -y redis-server'" >&2
    return 1
  fi
}

cachinggen_ensure_chromium() {
  if [ -n "${CACHINGGEN_CHROMIUM:-}" ]; then return 0; fi
  if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium (Debian package)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 || true
  fi
  if command -v chromium >/dev/null 2>&1; then
    export CACHINGGEN_CHROMIUM="$(command -v chromium)"
    echo "chromium: $CACHINGGEN_CHROMIUM"
  else
    echo "chromium is not installed and could not be installed: run 'sudo apt-get install -y chromium'" >&2
  fi
}

cachinggen_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

cachinggen_start_redis() { # port dir [extra args...]
  local port=$1 dir=$2; shift 2
  mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save '' --appendonly no \
    --daemonize no --logfile "$dir/redis.log" "$@" &
  cachinggen_services_pids+=($!)
  for _ in $(seq 1 100); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "redis-server on port $port did not start; log:" >&2
  cat "$dir/redis.log" >&2
  return 1
}

cachinggen_services_start() {
  if [ -z "${CACHINGGEN_REDIS:-}" ] || [ -z "${CACHINGGEN_REDIS_CLUSTER:-}" ]; then
    cachinggen_ensure_redis || return 1
  fi
  export CACHINGGEN_REDIS_SERVER="${CACHINGGEN_REDIS_SERVER:-$(command -v redis-server)}"
  cachinggen_ensure_chromium

  if [ -z "${CACHINGGEN_REDIS:-}" ]; then
    local port; port=$(cachinggen_free_port)
    cachinggen_start_redis "$port" "$cachinggen_services_dir/single" || return 1
    export CACHINGGEN_REDIS="127.0.0.1:$port"
    echo "redis: $CACHINGGEN_REDIS"
  fi

  if [ -z "${CACHINGGEN_REDIS_CLUSTER:-}" ]; then
    local nodes=() port
    for i in 1 2 3; do
      port=$(cachinggen_free_port)
      # The cluster bus listens on port + 10000; pick again if that one is taken.
      while [ "$port" -gt 55000 ]; do port=$(cachinggen_free_port); done
      cachinggen_start_redis "$port" "$cachinggen_services_dir/cluster-$i" \
        --cluster-enabled yes --cluster-config-file "$cachinggen_services_dir/cluster-$i/nodes.conf" --cluster-node-timeout 5000 || return 1
      nodes+=("127.0.0.1:$port")
    done
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >/dev/null || return 1
    for _ in $(seq 1 100); do
      redis-cli -p "${nodes[0]##*:}" cluster info 2>/dev/null | grep -q 'cluster_state:ok' && break
      sleep 0.1
    done
    export CACHINGGEN_REDIS_CLUSTER
    CACHINGGEN_REDIS_CLUSTER=$(IFS=,; echo "${nodes[*]}")
    echo "redis cluster: $CACHINGGEN_REDIS_CLUSTER"
  fi
}
