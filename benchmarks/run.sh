#!/usr/bin/env bash
# Measures MediaGateway on this machine and rewrites docs/benchmarks.md with the figures, the machine's
# cores, memory and versions, and each HTTP path as a ratio of the floor measured in the same run: an
# empty authenticated endpoint (GET /api/v1/me).
#
#   benchmarks/run.sh                       HTTP load (wrk) and in-process benchmarks (BenchmarkDotNet)
#   SKIP_INPROCESS=1 benchmarks/run.sh      HTTP only
#   DURATION=30s CONNECTIONS=64 ROUNDS=5 benchmarks/run.sh
#   ONLY=entity-lookup-1,floor-1 benchmarks/run.sh   just those HTTP scenarios, printed; docs left alone
#
# Add an HTTP path by adding a line to SCENARIOS below (and a Lua script in benchmarks/http/ if it writes).
# A scenario whose script is openloop:<requests> runs benchmarks/openloop instead of wrk: a constant request
# rate, with latency counted from when each request was due (see openloop.c for why).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
# Each scenario runs ROUNDS times after its warm-up; its row is the round with the median p99, and every
# round's p99 and CPU steal is listed beside it. Steal on this VM swings from 1 % to 30 % within minutes,
# and one round alone measured the neighbours as much as the service.
ROUNDS=${ROUNDS:-3}
# Under full load on 2 cores, tiered JIT (with dynamic PGO) needs 20-30 s to reach steady state.
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-8088}
OUT=docs/benchmarks.md

OPEN_RATE=${OPEN_RATE:-5000}

# name | what it is | path | lua script (or openloop:<requests>) | wrk threads and connections (or openloop's rate and connections)
SCENARIOS=(
  "floor|GET /api/v1/me: empty authenticated endpoint (the floor)|/api/v1/me|get-authenticated.lua|-t$THREADS -c$CONNECTIONS"
  "devices-put|PUT /api/v1/devices/{id}: validated upsert over 64 devices (EF read + SQL upsert)|/|put-device.lua|-t$THREADS -c$CONNECTIONS"
  "devices-list|GET /api/v1/devices: one indexed EF read returning those 64 devices|/api/v1/devices|get-authenticated.lua|-t$THREADS -c$CONNECTIONS"
  "progress-put|PUT /api/v1/progress/{id}: 64 users x 20 titles, group commit|/|put-progress.lua|-t$THREADS -c$CONNECTIONS"
  "progress-put-8|PUT /api/v1/progress/{id}, the same requests on 8 connections (closed loop near the 5,000 req/s target)|/|put-progress.lua|-t$THREADS -c8"
  "progress-put-open|PUT /api/v1/progress/{id}, the same requests at a constant $OPEN_RATE req/s (open loop)|/|openloop:put-progress|-r$OPEN_RATE -c64"
  "floor-open|GET /api/v1/me at a constant $OPEN_RATE req/s (open loop, the floor for the row above)|/api/v1/me|openloop:get|-r$OPEN_RATE -c64"
  "sync-100-one|POST /api/v1/sync: 100 operations, one device syncing at a time|/|sync-100.lua|-t1 -c1"
  "sync-100|POST /api/v1/sync: 100 operations, 4 devices at once, 2 per user|/|sync-100.lua|-t4 -c4"
  "entity-lookup|GET /api/v1/entities/lookup: 1,000 IMDb ids, cached (L1)|/|lookup-entity.lua|-t$THREADS -c$CONNECTIONS"
  "entity-lookup-4|GET /api/v1/entities/lookup, cached, 4 connections (latency below saturation)|/|lookup-entity.lua|-t1 -c4"
  "floor-4|GET /api/v1/me, 4 connections (the floor for the row above)|/api/v1/me|get-authenticated.lua|-t1 -c4"
  "entity-lookup-1|GET /api/v1/entities/lookup, cached, one connection (latency of one caller)|/|lookup-entity.lua|-t1 -c1"
  "floor-1|GET /api/v1/me, one connection (the floor for the row above and the next)|/api/v1/me|get-authenticated.lua|-t1 -c1"
  "recs-1|GET /api/v1/recommendations?limit=20, one connection, 100,000 titles of 512 dimensions|/api/v1/recommendations?limit=20|get-recommendations.lua|-t1 -c1"
  "interactions|POST /api/v1/interactions: one event per request, 64 users|/|post-interactions.lua|-t$THREADS -c$CONNECTIONS"
  "interactions-batch|POST /api/v1/interactions/batch: 100 events per request, 64 users|/|post-interactions-batch.lua|-t$THREADS -c8"
)

# The value of $1 in a RESULT line ($2), and its sum over several lines.
field() { sed -E "s/.*[ ]$1=([0-9.]+).*/\1/" <<<"$2"; }
sum_of() { printf '%s\n' "${@:2}" | sed -E "s/.*[ ]$1=([0-9.]+).*/\1/" | awk '{ s += $1 } END { print s }'; }
# CPU time the hypervisor gave to other guests (steal), as a share of all CPU time since $1 (a /proc/stat line).
steal_since() { awk -v before="$1" 'BEGIN { split(before, b) } /^cpu / { for (i = 2; i <= 11; i++) t += $i - b[i]; printf "%.1f", 100 * ($9 - b[9]) / t }' /proc/stat; }

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
scripts/infra.sh up >/dev/null
mkdir -p artifacts
gcc -O2 -Wall -Wextra -Werror -o artifacts/openloop benchmarks/openloop/openloop.c -lm
eval "$(scripts/infra.sh env)"

Auth__SigningKey="bench-$(head -c 32 /dev/urandom | base64 -w0)"
export Auth__SigningKey
api=artifacts/bench-api
dotnet publish src/Api --configuration Release --output "$api" --nologo --verbosity quiet
(cd "$api" && dotnet MediaGateway.Api.dll migrate >/dev/null)
(cd "$api" && ASPNETCORE_URLS="http://127.0.0.1:$PORT" Logging__LogLevel__Default=Warning \
  exec dotnet MediaGateway.Api.dll >/tmp/mediagateway-bench.log 2>&1) &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.2; done
TOKEN=$(cd "$api" && dotnet MediaGateway.Api.dll token --user bench-user --tenant bench-tenant)
# 64 users in a tenant of this run's own, so every run starts from empty sync state.
tenant="bench-$(date +%s)"
TOKENS_FILE=$(mktemp)
for i in $(seq 1 64); do (cd "$api" && dotnet MediaGateway.Api.dll token --user "user-$i" --tenant "$tenant") >>"$TOKENS_FILE"; done
# The PUT /progress requests, raw: put-progress.lua (wrk) and openloop send the same ones.
PROGRESS_REQUESTS=$(mktemp)
benchmarks/openloop/requests.sh put-progress "$TOKENS_FILE" "127.0.0.1:$PORT" >"$PROGRESS_REQUESTS"
export TOKEN TOKENS_FILE PROGRESS_REQUESTS LUA_DIR=$PWD/benchmarks/http
# 1,000 entities for the lookup scenario, resolved in one batch by an ingest token of the same tenant.
INGEST_TOKEN=$(cd "$api" && dotnet MediaGateway.Api.dll token --user bench-feed --tenant bench-tenant --role ingest)
seed=$(seq 0 999 | awk '{ printf "%s{\"externalIds\":[{\"type\":\"imdb\",\"value\":\"tt%07d\"}],\"title\":\"Bench Lookup %d\",\"year\":2000,\"kind\":\"movie\"}", (NR > 1 ? "," : ""), 9100000 + $1, $1 }')
curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/api/v1/entities/resolve/batch" -H "Authorization: Bearer $INGEST_TOKEN" \
  -H 'Content-Type: application/json' --data "{\"items\":[$seed]}"
psql_bench() { PGPASSWORD=mediagateway psql -h 127.0.0.1 -p 5433 -U mediagateway -d mediagateway -Atc "$1"; }
# The run's sync state goes when it ends, so runs do not pile up rows, and every run starts on compacted tables:
# deleting alone left the dead rows, and after a few runs user_watchlists held 2,800 live rows in 282 MB, on
# which POST /sync (one device) measured p99 18-40 ms against 7-17 ms once compacted.
sync_tables=(user_watchlists user_progress sync_cursors sync_heads user_devices)
for table in "${sync_tables[@]}"; do
  psql_bench "VACUUM (FULL, ANALYZE) $table" >/dev/null
done
# Recommendations: a tenant of 100,000 titles (512-dimensional vectors) and 2,000 users, seeded once and kept
# between runs, since seeding takes minutes. The interaction rows write as users of their own, removed at each start.
RECS_TENANT=bench-recs
if [ "$(psql_bench "SELECT count(*) FROM entities WHERE tenant_id = '$RECS_TENANT'")" -lt 100000 ]; then
  seed_started=$(date +%s)
  (cd "$api" && dotnet MediaGateway.Api.dll seed --tenant $RECS_TENANT --entities 100000 --users 2000 --seed 7) | tail -n 4 >&2
  echo "seeded $RECS_TENANT in $(($(date +%s) - seed_started)) s" >&2
fi
# A small tenant beside it in the same index: searched exactly (ADR 9); the probe shows why.
if [ "$(psql_bench "SELECT count(*) FROM entities WHERE tenant_id = '$RECS_TENANT-small'")" -lt 2000 ]; then
  (cd "$api" && dotnet MediaGateway.Api.dll seed --tenant $RECS_TENANT-small --entities 2000 --users 300 --seed 8 --vectors synthetic) | tail -n 1 >&2
fi
psql_bench "DELETE FROM interactions WHERE tenant_id = '$RECS_TENANT' AND user_id LIKE 'writer-%'" >/dev/null
psql_bench "DELETE FROM user_profiles WHERE tenant_id = '$RECS_TENANT' AND user_id LIKE 'writer-%'" >/dev/null
psql_bench "VACUUM (ANALYZE) interactions" >/dev/null
# Seeding and re-embedding rewrite titles: without a vacuum the visibility map is stale and every title lookup of
# ingest (an index-only scan) visits the heap too.
psql_bench "VACUUM (ANALYZE) entities" >/dev/null
RECS_TOKEN=$(cd "$api" && dotnet MediaGateway.Api.dll token --user user-000001 --tenant $RECS_TENANT)
WRITER_TOKENS_FILE=$(mktemp)
for i in $(seq 1 64); do (cd "$api" && dotnet MediaGateway.Api.dll token --user "writer-$i" --tenant $RECS_TENANT) >>"$WRITER_TOKENS_FILE"; done
ENTITIES_FILE=$(mktemp)
psql_bench "SELECT id FROM entities WHERE tenant_id = '$RECS_TENANT' ORDER BY id LIMIT 5000" >"$ENTITIES_FILE"
export RECS_TOKEN WRITER_TOKENS_FILE ENTITIES_FILE

forget_run_tenant() {
  for table in "${sync_tables[@]}"; do
    psql_bench "DELETE FROM $table WHERE tenant_id = '$tenant'" >/dev/null
  done
}

# One run of the current scenario for $1 ("15s"): wrk, or openloop for openloop:<requests>. Prints the RESULT line.
GET_REQUESTS=$(mktemp)
load_run() {
  local seconds=${1%s}
  if [[ $lua == openloop:* ]]; then
    # shellcheck disable=SC2086
    artifacts/openloop -p "$PORT" $load -d "$seconds" "$open_requests"
  else
    # shellcheck disable=SC2086
    wrk $load -d"$1" -s "benchmarks/http/$lua" "$url" | grep '^RESULT'
  fi
}

declare -A rps p50 p99 errors requests rounds
stat_before=$(head -n1 /proc/stat)
for scenario in "${SCENARIOS[@]}"; do
  IFS='|' read -r name _ path lua load <<<"$scenario"
  if [ -n "${ONLY:-}" ] && [[ ",$ONLY," != *",$name,"* ]]; then continue; fi
  url="http://127.0.0.1:$PORT$path"
  case "$lua" in
    openloop:put-progress) open_requests=$PROGRESS_REQUESTS ;;
    openloop:get) open_requests=$GET_REQUESTS && benchmarks/openloop/requests.sh get "$path" "$TOKEN" "127.0.0.1:$PORT" >"$GET_REQUESTS" ;;
  esac
  load_run "$WARMUP" >/dev/null   # warm-up: JIT tiering settles
  rows_before=$(psql_bench "SELECT COALESCE(sum(seq), 0) FROM sync_heads WHERE tenant_id = '$tenant'")
  results=()
  for round in $(seq 1 "$ROUNDS"); do
    round_start=$(head -n1 /proc/stat)
    line=$(load_run "$DURATION")
    results+=("$line steal=$(steal_since "$round_start")")
    echo "$name, round $round: ${results[-1]}" >&2
  done
  rows_after=$(psql_bench "SELECT COALESCE(sum(seq), 0) FROM sync_heads WHERE tenant_id = '$tenant'")
  median=$(printf '%s\n' "${results[@]}" | sort -t= -k4 -g | sed -n "$(((ROUNDS + 1) / 2))p")
  rps[$name]=$(field rps "$median")
  p50[$name]=$(field p50_ms "$median")
  p99[$name]=$(field p99_ms "$median")
  errors[$name]=$(sum_of errors "${results[@]}")
  requests[$name]=$(sum_of requests "${results[@]}")
  rounds[$name]=$(printf '%s\n' "${results[@]}" | sed -E 's/.*p99_ms=([0-9.]+).*steal=([0-9.]+).*/\1 (\2 %)/' | paste -sd, | sed 's/,/, /g')
  if [ "$name" = progress-put ]; then
    # Every row written takes one change number: rows per request after group commit coalescing, all rounds.
    rows_per_request=$(awk -v r=$((rows_after - rows_before)) -v q="${requests[$name]}" 'BEGIN { printf "%.3f", r / q }')
  fi
done
http_steal=$(steal_since "$stat_before")
forget_run_tenant
rm -f "$GET_REQUESTS" "$WRITER_TOKENS_FILE" "$ENTITIES_FILE"
if [ -n "${ONLY:-}" ]; then
  echo "CPU steal during these runs: $http_steal %" >&2
  exit 0
fi

# The floor for PUT /progress: the same LWW upsert, one row per transaction, straight from pgbench.
raw_upsert=$(PGPASSWORD=mediagateway /usr/lib/postgresql/15/bin/pgbench -h 127.0.0.1 -p 5433 -U mediagateway -n \
  -f benchmarks/http/raw-upsert.sql -c "$CONNECTIONS" -j "$THREADS" -T 10 mediagateway 2>/dev/null)
raw_tps=$(grep -oE 'tps = [0-9.]+' <<<"$raw_upsert" | head -n1 | awk '{print $3}')
raw_latency=$(grep -oE 'latency average = [0-9.]+' <<<"$raw_upsert" | awk '{print $4}')
# The same upsert at the constant rate of the open-loop rows, latency counted from each transaction's scheduled
# start (pgbench -R): what Postgres alone gives at that rate on this machine.
pgbench_log=$(mktemp -d)
(cd "$pgbench_log" && PGPASSWORD=mediagateway /usr/lib/postgresql/15/bin/pgbench -h 127.0.0.1 -p 5433 -U mediagateway -n \
  -M prepared -f "$OLDPWD/benchmarks/http/raw-upsert.sql" -c "$CONNECTIONS" -j "$THREADS" -R "$OPEN_RATE" -T 15 -l mediagateway >/dev/null 2>&1)
raw_open=$(cat "$pgbench_log"/pgbench_log.* | awk '{ print ($3 + $7) / 1000 }' | sort -g \
  | awk '{ a[NR] = $1 } END { printf "p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms over %d transactions", a[int(NR * 0.5)], a[int(NR * 0.99)], a[int(NR * 0.999)], a[NR], NR }')
rm -rf "$pgbench_log"
psql_bench "DELETE FROM user_progress WHERE tenant_id = 'bench-raw'" >/dev/null
rm -f "$TOKENS_FILE" "$PROGRESS_REQUESTS"

# The server's load is over: the in-process probes have the cores to themselves.
kill $server 2>/dev/null || true
recs_search=$(for t in $RECS_TENANT $RECS_TENANT-small; do
  dotnet run --configuration Release --project benchmarks/MediaGateway.Benchmarks -- recommendation-search $t 200 2>/dev/null | grep '^|'
done)
embedding_throughput=$(dotnet run --configuration Release --project benchmarks/MediaGateway.Benchmarks -- embedding-throughput 2>/dev/null | grep '^|')
# The interaction group-commit writer without HTTP: what the writer and Postgres do alone.
ingest_probe=$(for calls in "32 1" "8 100"; do
  dotnet run --configuration Release --project benchmarks/MediaGateway.Benchmarks -- interaction-ingest $RECS_TENANT $calls 15 2>/dev/null | tail -n 1 | sed 's/^/- /'
done)

entity_latency=$(dotnet run --configuration Release --project benchmarks/MediaGateway.Benchmarks -- entity-latency 2>/dev/null | grep '^|')
# Issue 17: 1,000 new titled ids into tenants of 10,000 and 100,000 common-word titles (seeded once, kept).
entity_scale=$(dotnet run --configuration Release --project benchmarks/MediaGateway.Benchmarks -- entity-scale 20 2>/dev/null | grep '^|')

redis_floor=$(redis-benchmark -h 127.0.0.1 -p 6380 -t get,set -n 200000 -q 2>/dev/null | tr '\r' '\n' | grep -E '^(SET|GET): [0-9.]+ requests' | sed 's/^/- /')

inprocess="(skipped: SKIP_INPROCESS=1)"
if [ -z "${SKIP_INPROCESS:-}" ]; then
  dotnet run --configuration Release --project benchmarks/MediaGateway.Benchmarks -- \
    --filter '*' --job short --inProcess --exporters github --artifacts artifacts/bdn >/dev/null
  inprocess=$(cat artifacts/bdn/results/*-report-github.md | grep -E '^\|' )
fi

{
  echo "# Benchmarks"
  echo
  echo "Written by \`benchmarks/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Re-run it to refresh; do not edit by hand."
  echo
  echo "## Machine"
  echo
  echo "- $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB memory, $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "- .NET $(dotnet --version), PostgreSQL $(psql --version | awk '{print $3}') (+pgvector), Redis $(redis-server --version | sed -E 's/.*v=([0-9.]+).*/\1/'), $(wrk --version 2>&1 | head -n1 | awk '{print $1, $2}')"
  echo "- Postgres and Redis on loopback; load generator on the same 2 cores as the API (so every figure is a floor for a bigger box)."
  echo "- CPU steal (time the hypervisor gave to other guests) during the HTTP runs: $http_steal %. Above a few per cent, latency tails grow with it."
  echo
  echo "## HTTP (wrk, $THREADS threads, $CONNECTIONS connections, unless a row says open loop; $ROUNDS rounds of $DURATION after a $WARMUP warm-up)"
  echo
  echo "Each row is the round with the median p99; the last column lists every round's p99 and the CPU steal during it."
  echo
  echo "| path | req/s | p50 ms | p99 ms | errors | throughput vs floor | p99 ms of each round (steal) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
  for scenario in "${SCENARIOS[@]}"; do
    IFS='|' read -r name what _ lua _ <<<"$scenario"
    ratio=$(awk -v a="${rps[$name]}" -v b="${rps[floor]}" 'BEGIN { printf "%.2f", a / b }')
    [[ $lua == openloop:* ]] && ratio="rate set"
    echo "| $what | ${rps[$name]} | ${p50[$name]} | ${p99[$name]} | ${errors[$name]} | $ratio | ${rounds[$name]} |"
  done
  echo
  echo "Group commit: $rows_per_request rows written per PUT /progress request (coalesced per user and title)."
  echo
  echo "Raw \`INSERT ... ON CONFLICT ... WHERE\` (the same LWW upsert, one row per transaction, \`pgbench -c $CONNECTIONS -j $THREADS -T 10\`):"
  echo "$raw_tps tps, $raw_latency ms average latency. PUT /progress throughput vs raw upsert: $(awk -v a="${rps[progress-put]}" -v b="$raw_tps" 'BEGIN { printf "%.2f", a / b }')."
  echo
  echo "The same upsert at a constant $OPEN_RATE transactions/s (\`pgbench -R $OPEN_RATE -c $CONNECTIONS\`, latency from each"
  echo "transaction's scheduled start): $raw_open. PUT /progress at the same rate (open-loop row above) against it, p99:"
  echo "$(awk -v a="${p99[progress-put-open]}" -v b="$(sed -E 's/.*p99 ([0-9.]+) ms.*/\1/' <<<"$raw_open")" 'BEGIN { printf "%.2f", a / b }')."
  echo
  echo "Interaction ingest: $(awk -v r="${rps[interactions]}" 'BEGIN { printf "%.0f", r }') events/s one per request, $(awk -v r="${rps[interactions-batch]}" 'BEGIN { printf "%.0f", r * 100 }') events/s in batches of 100."
  echo
  echo "The interaction writer alone (in process, no HTTP; concurrent callers over 1,000 users of the same tenant, 15 s each):"
  echo
  echo "$ingest_probe"
  echo
  echo "GET /recommendations (one connection) p99 against GET /me (one connection) p99: $(awk -v a="${p99[recs-1]}" -v b="${p99[floor-1]}" 'BEGIN { printf "%.1f", a / b }')x."
  echo
  echo "## Recommendations: nearest-title search (in process; a tenant of 100,000 titles of 512 dimensions and a small one beside it)"
  echo
  echo "200 queries: the taste vectors of seeded users, each excluding what the user has seen, limit 20, as GET /recommendations asks."
  echo "Recall@20 of each row against the exact answer; speed-up is exact p50 over the row's p50."
  echo
  echo "| tenant | search | recall@20 | p50 ms | p99 ms | speed-up vs exact |"
  echo "| --- | --- | ---: | ---: | ---: | ---: |"
  echo "$recs_search"
  echo
  echo "## Embedding model throughput (in process, texts per second)"
  echo
  echo "| model and call | texts/s |"
  echo "| --- | ---: |"
  echo "$embedding_throughput"
  echo
  # Filled by recommendation-eval --write below (which can also refresh it alone).
  echo "<!-- recommendation-eval:start -->"
  echo "<!-- recommendation-eval:end -->"
  echo
  echo "## Entity resolution latency (in process, per call, against the same Postgres and Redis)"
  echo
  echo "| what | calls | p50 ms | p99 ms |"
  echo "| --- | ---: | ---: | ---: |"
  echo "$entity_latency"
  echo "$entity_scale"
  echo
  echo "Machine floor for Redis (\`redis-benchmark -t get,set -n 200000 -q\`, same run):"
  echo
  echo "$redis_floor"
  echo
  cat benchmarks/notes.md
  echo
  echo "## In process (BenchmarkDotNet, short job)"
  echo
  echo "$inprocess"
} >"$OUT"
dotnet run --configuration Release --project benchmarks/MediaGateway.Benchmarks -- recommendation-eval --write "$OUT" >/dev/null
echo "wrote $OUT" >&2
