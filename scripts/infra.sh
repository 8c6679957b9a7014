#!/usr/bin/env bash
# Local Postgres (+pgvector, pg_trgm) and Redis for MediaGateway on Debian 12.
#
#   scripts/infra.sh up       install what is missing, start both, print connection strings
#   scripts/infra.sh down     stop what `up` started (and nothing else)
#   scripts/infra.sh status   say what runs
#   scripts/infra.sh env      print `export ...` lines for the connection strings
#
# Idempotent: a second `up` finds everything running and does nothing.
# Data lives outside the repository: the Postgres cluster under /var/lib/postgresql/15/mediagateway,
# Redis under /var/lib/mediagateway/redis.
set -euo pipefail

PG_VERSION=15
PG_CLUSTER=mediagateway
PG_PORT=${MEDIAGATEWAY_PG_PORT:-5433}
PG_DB=mediagateway
PG_USER=mediagateway
PG_PASSWORD=mediagateway
REDIS_PORT=${MEDIAGATEWAY_REDIS_PORT:-6380}
STATE_DIR=/var/lib/mediagateway
REDIS_DIR=$STATE_DIR/redis
PGVECTOR_VERSION=0.8.0

log() { printf '[infra] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

postgres_url() {
  echo "Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DB;Username=$PG_USER;Password=$PG_PASSWORD"
}

redis_url() {
  echo "127.0.0.1:$REDIS_PORT"
}

install_packages() {
  local missing=()
  dpkg -s postgresql-$PG_VERSION >/dev/null 2>&1 || missing+=(postgresql-$PG_VERSION)
  dpkg -s postgresql-server-dev-$PG_VERSION >/dev/null 2>&1 || missing+=(postgresql-server-dev-$PG_VERSION)
  dpkg -s redis-server >/dev/null 2>&1 || missing+=(redis-server)
  dpkg -s make >/dev/null 2>&1 || missing+=(make)
  dpkg -s gcc >/dev/null 2>&1 || missing+=(gcc)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # Debian starts nothing we need; make sure the packaged default cluster and redis do not claim our ports.
}

install_pgvector() {
  local sharedir
  sharedir=$(/usr/lib/postgresql/$PG_VERSION/bin/pg_config --sharedir)
  if [ -f "$sharedir/extension/vector.control" ]; then
    return
  fi
  # Debian 12 ships no pgvector package: build it from Debian's own (trixie) source package,
  # using a private apt state so the system's apt sources are never touched.
  log "building pgvector $PGVECTOR_VERSION from Debian's source package"
  local work
  work=$(mktemp -d)
  chmod 755 "$work"
  echo "deb-src http://deb.debian.org/debian trixie main" >"$work/src.list"
  local opts=(-o "Dir::Etc::SourceList=$work/src.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$work/lists")
  mkdir -p "$work/lists/partial"
  as_root apt-get "${opts[@]}" update -qq
  (cd "$work" && apt-get "${opts[@]}" source --download-only pgvector >/dev/null && tar xzf pgvector_*.orig.tar.gz)
  local src
  src=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
  make -s -C "$src" PG_CONFIG=/usr/lib/postgresql/$PG_VERSION/bin/pg_config OPTFLAGS="" >/dev/null
  as_root make -s -C "$src" PG_CONFIG=/usr/lib/postgresql/$PG_VERSION/bin/pg_config OPTFLAGS="" install >/dev/null
  rm -rf "$work"
}

# Our settings live in conf.d and are rewritten on every `up`; a change is applied with a reload.
# Loopback only, so TLS would cost CPU on every query and protect nothing.
write_postgres_conf() {
  local conf=/etc/postgresql/$PG_VERSION/$PG_CLUSTER/conf.d/mediagateway.conf
  local wanted
  # Write-heavy sync traffic: room for WAL between checkpoints, so they are rare and full-page images few.
  # Shared buffers that hold the working set: with 256 MB, backends evicted dirty pages into the OS cache, and
  # the kernel's periodic writeback of them stalled WAL fsyncs (commits of 40-60 ms instead of 0.2 ms).
  # The full-page images that follow a checkpoint were most of the WAL of interaction ingest (about 12 kB per event,
  # index pages touched at random), and this VM's disk syncs about 6 MB/s: lz4 shrinks them for little CPU.
  wanted=$(printf '%s\n' "listen_addresses = '127.0.0.1'" "max_connections = 200" "shared_buffers = 1GB" "ssl = off" \
    "max_wal_size = 4GB" "checkpoint_timeout = 15min" "wal_compression = lz4")
  if [ "$(cat "$conf" 2>/dev/null)" != "$wanted" ]; then
    echo "$wanted" | as_root tee "$conf" >/dev/null
    if pg_running; then
      as_root pg_ctlcluster $PG_VERSION $PG_CLUSTER reload
      # Some settings (shared_buffers, max_connections) only take effect on a restart.
      if [ "$(as_postgres psql -p "$PG_PORT" -Atqc 'select bool_or(pending_restart) from pg_settings')" = t ]; then
        log "restarting postgres $PG_VERSION/$PG_CLUSTER for settings that need it"
        as_root pg_ctlcluster $PG_VERSION $PG_CLUSTER restart
      fi
    fi
  fi
}

pg_running() {
  pg_lsclusters -h 2>/dev/null | awk -v v=$PG_VERSION -v c=$PG_CLUSTER '$1==v && $2==c && $4=="online"' | grep -q .
}

start_postgres() {
  if ! pg_lsclusters -h 2>/dev/null | awk -v v=$PG_VERSION -v c=$PG_CLUSTER '$1==v && $2==c' | grep -q .; then
    log "creating cluster $PG_VERSION/$PG_CLUSTER on port $PG_PORT"
    as_root pg_createcluster $PG_VERSION $PG_CLUSTER --port "$PG_PORT" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  fi
  write_postgres_conf
  if pg_running; then
    log "postgres $PG_VERSION/$PG_CLUSTER already running"
  else
    log "starting postgres $PG_VERSION/$PG_CLUSTER"
    # A cluster that was killed replays its WAL first (up to max_wal_size): give it more than pg_ctl's 60 s.
    # Right after a kill, the old backends may still hold the socket lock for a moment: one more try.
    as_root pg_ctlcluster $PG_VERSION $PG_CLUSTER start -- -t 600 \
      || { sleep 3; as_root pg_ctlcluster $PG_VERSION $PG_CLUSTER start -- -t 600; }
    as_root mkdir -p "$STATE_DIR"
    as_root touch "$STATE_DIR/postgres.started-by-infra"
  fi
  for _ in $(seq 1 60); do
    as_postgres psql -p "$PG_PORT" -Atqc 'select 1' >/dev/null 2>&1 && break
    sleep 0.5
  done
  # Superuser because migrations run CREATE EXTENSION and tests create scratch databases;
  # this is a local development cluster bound to loopback only.
  as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qAt >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SQL
  if ! as_postgres psql -p "$PG_PORT" -Atqc "select 1 from pg_database where datname = '$PG_DB'" | grep -q 1; then
    as_postgres createdb -p "$PG_PORT" -O $PG_USER $PG_DB
  fi
}

redis_running() {
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG
}

redis_process_alive() {
  local pid
  pid=$(cat "$REDIS_DIR/redis.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = redis-server ]
}

redis_log_tail() {
  log "redis did not answer; the end of $REDIS_DIR/redis.log:"
  tail -n 15 "$REDIS_DIR/redis.log" 2>/dev/null | sed 's/^/  /' >&2 || true
}

# Starts redis-server and waits until it answers PING. After a busy session its append-only file can take
# tens of seconds to read back (it answers LOADING meanwhile), so the wait lasts as long as the process lives
# (up to 5 minutes) rather than a fixed few seconds.
launch_redis() {
  as_root rm -f "$REDIS_DIR/redis.pid"
  as_root redis-server "$REDIS_DIR/redis.conf" || return 1
  for _ in $(seq 1 1200); do
    redis_running && return 0
    if ! redis_process_alive; then
      sleep 0.25 # daemonize: the parent may have exited before the child shows up
      redis_running && return 0
      redis_process_alive || return 1
    fi
    sleep 0.25
  done
  return 1
}

start_redis() {
  if redis_running; then
    log "redis already running on $REDIS_PORT"
    return
  fi
  as_root mkdir -p "$REDIS_DIR"
  as_root tee "$REDIS_DIR/redis.conf" >/dev/null <<EOF
bind 127.0.0.1
port $REDIS_PORT
daemonize yes
dir $REDIS_DIR
pidfile $REDIS_DIR/redis.pid
logfile $REDIS_DIR/redis.log
appendonly yes
appendfsync everysec
save ""
EOF
  log "starting redis on $REDIS_PORT (append-only file in $REDIS_DIR)"
  as_root touch "$STATE_DIR/redis.started-by-infra"
  launch_redis && return
  # A process killed in the middle of a write can leave the append-only file with a torn record that Redis
  # refuses to load. Redis holds caches and hints here (Postgres is the source of truth), so cutting the torn
  # tail off and starting again is the right repair.
  local manifest=$REDIS_DIR/appendonlydir/appendonly.aof.manifest
  if [ -f "$manifest" ] && ! redis_process_alive; then
    redis_log_tail
    log "repairing the append-only file (redis-check-aof --fix) and starting again"
    yes | as_root redis-check-aof --fix "$manifest" >&2 || true
    launch_redis && return
  fi
  redis_log_tail
  exit 1
}

cmd_up() {
  install_packages
  install_pgvector
  start_postgres
  start_redis
  echo "ConnectionStrings__Postgres=$(postgres_url)"
  echo "ConnectionStrings__Redis=$(redis_url)"
}

cmd_down() {
  if [ -f "$STATE_DIR/redis.started-by-infra" ]; then
    log "stopping redis"
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
    as_root rm -f "$STATE_DIR/redis.started-by-infra"
  fi
  if [ -f "$STATE_DIR/postgres.started-by-infra" ]; then
    log "stopping postgres $PG_VERSION/$PG_CLUSTER"
    as_root pg_ctlcluster $PG_VERSION $PG_CLUSTER stop || true
    as_root rm -f "$STATE_DIR/postgres.started-by-infra"
  fi
}

cmd_status() {
  if pg_running; then echo "postgres: running ($(postgres_url))"; else echo "postgres: stopped"; fi
  if redis_running; then echo "redis: running ($(redis_url))"; else echo "redis: stopped"; fi
}

cmd_env() {
  echo "export ConnectionStrings__Postgres='$(postgres_url)'"
  echo "export ConnectionStrings__Redis='$(redis_url)'"
  echo "export MEDIAGATEWAY_TEST_POSTGRES='$(postgres_url)'"
  echo "export MEDIAGATEWAY_TEST_REDIS='$(redis_url)'"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
