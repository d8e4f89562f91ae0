#!/usr/bin/env bash
# One command for the whole benchmark: build, fresh database, server start-up time, data generation,
# HTTP scenarios, pgbench for the physical limit, server RSS under load, a summary. See BENCHMARKS.md.
#
# Environment (all optional):
#   BENCH_TICKETS        tickets to generate (default 1000000; about 5 messages each)
#   BENCH_DB             database name (default atende_bench_<timestamp>; it is dropped and re-created)
#   BENCH_PORT           server port (default 18080)
#   BENCH_WARMUP         warm-up seconds per scenario (default 10)
#   BENCH_DURATION       measured seconds per scenario (default 30)
#   BENCH_SCENARIOS      space-separated scenario names (default: all)
#   BENCH_WRITE_CLIENTS  clients for ticket-new (default 16); BENCH_READ_CLIENTS for reads (default 4)
#   BENCH_HOOK_PORT      port of the load driver's webhook receiver (default 18081)
#   BENCH_HOOK_SUBSCRIPTIONS  subscriptions to ticket.created in the webhook scenario (default 8)
#   PGHOST/PGPORT/PGUSER PostgreSQL (default 127.0.0.1:5432, postgres, trust auth)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
OUT="$BENCH/target/run"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
TICKETS=${BENCH_TICKETS:-1000000}
DB=${BENCH_DB:-atende_bench_$(date +%s)}
PORT=${BENCH_PORT:-18080}
WARMUP=${BENCH_WARMUP:-10}
DURATION=${BENCH_DURATION:-30}
TOKEN=bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
BASE="http://127.0.0.1:$PORT/v2.0"
mkdir -p "$OUT"

echo "== build"
(cd "$ROOT" && mvn -q -B -DskipTests package)
(cd "$BENCH" && mvn -q -B package)
JAR=$(ls "$ROOT"/target/atende-*.jar | grep -v plain | head -1)
CP="$BENCH/target/classes:$BENCH/target/lib/*"

echo "== database $DB"
psql -q -d postgres -c "drop database if exists $DB" -c "create database $DB"

SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
trap stop_server EXIT

# Sets SERVER_PID and STARTED_IN (seconds from launch to a healthy /actuator/health); not run in a subshell.
start_server() {
  local log=$1
  local began=$(date +%s.%N)
  ATENDE_DB_URL=$JDBC ATENDE_DB_USER=$PGUSER ATENDE_PORT=$PORT ATENDE_BOOTSTRAP_TOKEN=$TOKEN \
  ATENDE_RATE_LIMIT_PER_SECOND=1000000 ATENDE_RATE_LIMIT_BURST=1000000 ATENDE_ACCESS_LOG_LEVEL=WARN \
  ATENDE_WEBHOOK_ALLOW_PRIVATE=true \
    java ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$log" 2>&1 &
  SERVER_PID=$!
  until curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died, see $log"; tail -30 "$log"; exit 1; }
    sleep 0.05
  done
  STARTED_IN=$(echo "scale=2; ($(date +%s.%N) - $began) / 1" | bc)
}

echo "== first start (creates schema, account and admin token)"
start_server "$OUT/server-first.log"
FIRST_START=$STARTED_IN
echo "first start to healthy: ${FIRST_START}s"
stop_server

echo "== generate $TICKETS tickets"
java -cp "$CP" io.atende.bench.Generator "$JDBC" "$PGUSER" "$TICKETS" "$OUT/fixture.properties" | tee "$OUT/generate.txt"
psql -At -d "$DB" -c "select pg_size_pretty(pg_database_size('$DB'))" | sed 's/^/database size: /' | tee -a "$OUT/generate.txt"

echo "== start on the generated data"
start_server "$OUT/server.log"
STARTUP=$STARTED_IN
echo "start-up to healthy: ${STARTUP}s"

echo "== scenarios (warm-up ${WARMUP}s, measured ${DURATION}s each)"
: >"$OUT/rss.txt"
( while kill -0 "$SERVER_PID" 2>/dev/null; do ps -o rss= -p "$SERVER_PID" >>"$OUT/rss.txt" || true; sleep 1; done ) &
SAMPLER=$!
java -cp "$CP" io.atende.bench.LoadDriver "$BASE" "$TOKEN" "$OUT/fixture.properties" "$WARMUP" "$DURATION" \
  ${BENCH_SCENARIOS:-} | tee "$OUT/scenarios.txt"
kill "$SAMPLER" 2>/dev/null || true
RSS_MAX=$(sort -n "$OUT/rss.txt" | tail -1)
stop_server

echo "== pgbench single-row insert, 16 clients"
psql -q -d "$DB" -c "create table if not exists bench_insert (id bigserial primary key, account_id varchar(32) not null,
  subject varchar(250) not null, body text not null, created_at timestamp with time zone not null)"
cat >"$OUT/insert.sql" <<'SQL'
insert into bench_insert (account_id, subject, body, created_at)
values ('0123456789abcdef0123456789abcdef', 'Subject of a benchmark row', repeat('body text ', 60), now());
SQL
pgbench -n -c 16 -j 2 -T 20 -f "$OUT/insert.sql" "$DB" | tee "$OUT/pgbench.txt"
PGBENCH_TPS=$(grep -oP 'tps = \K[0-9.]+' "$OUT/pgbench.txt" | head -1)
NEW_TPS=$(awk '$1=="ticket-new" {print $5}' "$OUT/scenarios.txt")

echo
echo "================ summary ($TICKETS tickets, database $DB)"
cat "$OUT/generate.txt"
echo "first start (empty database) to healthy: ${FIRST_START}s"
echo "start-up to healthy on generated data:   ${STARTUP}s"
echo "server RSS max under load: $((RSS_MAX / 1024)) MB"
grep -v '^  first error' "$OUT/scenarios.txt" || true
echo "pgbench single-row inserts/s (16 clients): $PGBENCH_TPS"
if [ -n "$NEW_TPS" ] && [ -n "$PGBENCH_TPS" ]; then
  echo "ticket-new / pgbench insert ratio: $(echo "scale=3; $NEW_TPS / $PGBENCH_TPS" | bc)"
fi
