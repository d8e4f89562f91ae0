#!/usr/bin/env bash
# Back-to-back comparisons: starts the given server jar on a database that bench/run.sh generated, runs the named
# scenarios of the load driver against it, and stops it. Run it for the old jar and the new one in turn (and once
# more in the other order): on a shared or throttled machine only such pairs, taken minutes apart on the same data,
# say what a change did (docs/benchmarks/04-fourth-pass.md).
#
#   bench/ab.sh <server-jar> <database> [scenario...]
#
# Needs bench/target/run/token and bench/target/run/fixture.properties from the run that generated the database,
# and the bench project built (bench/run.sh builds it). Environment (all optional): BENCH_PORT (18080),
# BENCH_WARMUP (5), BENCH_DURATION (15), BENCH_HEAP (384m), BENCH_JAVA_OPTS (e.g. a JFR recording),
# BENCH_HOOK_PORT / BENCH_HOOK_SUBSCRIPTIONS / BENCH_HOOK_RATE as for bench/run.sh, PGHOST/PGPORT/PGUSER.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: bench/ab.sh <server-jar> <database> [scenario...]"; exit 2; }
JAR=$1
DB=$2
shift 2
BENCH=$(cd "$(dirname "$0")" && pwd)
OUT="$BENCH/target/run"
PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PORT=${BENCH_PORT:-18080}
TOKEN=$(cat "$OUT/token")

source "$BENCH/server.sh"
start_server "$OUT/server-ab.log"
echo "== $(basename "$JAR") on $DB"
java -cp "$BENCH/target/classes:$BENCH/target/lib/*" io.atende.bench.LoadDriver "http://127.0.0.1:$PORT/v2.0" "$TOKEN" \
  "$OUT/fixture.properties" "${BENCH_WARMUP:-5}" "${BENCH_DURATION:-15}" "$@"
