#!/usr/bin/env bash
# What an SLA policy costs a new ticket, and how the alert worker finds due alerts at scale (docs/performance.md, SLA).
#
#   bench/sla.sh <server-jar> <database>
#
# On a database bench/run.sh generated (its token and fixture in bench/target/run):
# 1. Starts the jar, creates a business-hours calendar and a policy with all three targets that covers every ticket,
#    then measures ticket-new in rounds with the policy inactive and active in turn (off, on, on, off, repeated
#    BENCH_PAIRS times, default 2), so that a machine's drift weighs on both sides alike, and prints each side's
#    mean rate and p50/p99 and what the policy costs.
# 2. Gives every generated ticket without clocks the stored clocks a policy would have left (a resolution target,
#    and a first reply one on tickets never answered; alerts already published where due in the past, a handful due
#    now), analyzes the table, and shows the plan of the worker's claim of due alerts (SlaAlertSchedule.lockDue).
#
# Environment (all optional): BENCH_PORT (18080), BENCH_ROUND (90: unmeasured seconds of ticket-new before the rounds),
# BENCH_WARMUP (10) and BENCH_DURATION (20) of each round, BENCH_PAIRS (2),
# BENCH_HEAP (384m), PGHOST/PGPORT/PGUSER. The policy it creates is deleted at the end; the clocks of step 2 stay.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: bench/sla.sh <server-jar> <database>"; exit 2; }
JAR=$1
DB=$2
BENCH=$(cd "$(dirname "$0")" && pwd)
OUT="$BENCH/target/run"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PORT=${BENCH_PORT:-18080}
TOKEN=$(cat "$OUT/token")
BASE="http://127.0.0.1:$PORT/v2.0"
PAIRS=${BENCH_PAIRS:-2}

source "$BENCH/server.sh"
start_server "$OUT/server-sla.log"

# post <path> <curl --data-urlencode arguments...>: the answer's data.id
post() {
  local path=$1
  shift
  local args=()
  for pair in "$@"; do args+=(--data-urlencode "$pair"); done
  local answer
  answer=$(curl -fsS -H "Authorization: Bearer $TOKEN" "${args[@]}" "$BASE$path")
  echo "$answer" | jq -er '.data.id // empty' || true
}

echo "== policy: business hours, first reply 4 h, next reply 8 h, resolution 3 days"
CALENDAR=$(post /calendar/new "name=Bench office $(date +%s)" "time_zone=America/Sao_Paulo" \
  "hours=mon-fri 08:00-12:00, 13:00-18:00; sat 08:00-12:00" "holidays=--01-01,--04-21,--05-01,--09-07,--10-12,--11-02,--11-15,--12-25")
POLICY=$(post /sla/new "name=Bench policy $(date +%s)" "calendar_id=$CALENDAR" "first_reply_minutes=240" \
  "next_reply_minutes=480" "resolution_minutes=4320" "active=false")
trap 'curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" --data-urlencode "sla_id=$POLICY" "$BASE/sla/delete" || true;
      curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" --data-urlencode "calendar_id=$CALENDAR" "$BASE/calendar/delete" || true;
      kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null || true' EXIT

# round <active>: one measured ticket-new run with the policy inactive or active; appends "<active> <req/s> <p50> <p99>"
round() {
  post /sla/update "sla_id=$POLICY" "active=$1" >/dev/null
  local line
  line=$(java -cp "$BENCH/target/classes:$BENCH/target/lib/*" io.atende.bench.LoadDriver "$BASE" "$TOKEN" \
    "$OUT/fixture.properties" "${BENCH_WARMUP:-10}" "${BENCH_DURATION:-20}" ticket-new | grep '^ticket-new')
  echo "policy active=$1: $line"
  echo "$1 $(echo "$line" | awk '{print $5, $6, $8}')" >>"$OUT/sla-rounds.txt"
}

: >"$OUT/sla-rounds.txt"
echo "== warming up (${BENCH_ROUND:-90} s of ticket-new, half with the policy, unmeasured: the JIT compiler's time)"
for active in false true; do
  post /sla/update "sla_id=$POLICY" "active=$active" >/dev/null
  java -cp "$BENCH/target/classes:$BENCH/target/lib/*" io.atende.bench.LoadDriver "$BASE" "$TOKEN" \
    "$OUT/fixture.properties" "$(( ${BENCH_ROUND:-90} / 2 ))" 1 ticket-new >/dev/null
done
echo "== ticket-new, policy off and on in turn"
for _ in $(seq "$PAIRS"); do
  round false; round true; round true; round false
done
awk '{ n[$1]++; rate[$1] += $2; p50[$1] += $3; p99[$1] += $4 }
     END {
       for (side in n) printf "policy active=%s: %.1f tickets/s, p50 %.2f ms, p99 %.2f ms (mean of %d rounds)\n",
         side, rate[side] / n[side], p50[side] / n[side], p99[side] / n[side], n[side];
       printf "cost of the policy: %+.1f %% time per ticket (rate), %+.1f %% p50\n",
         100 * (rate["false"] / n["false"]) / (rate["true"] / n["true"]) - 100,
         100 * (p50["true"] / n["true"]) / (p50["false"] / n["false"]) - 100 }' "$OUT/sla-rounds.txt" | tee "$OUT/sla-summary.txt"

echo "== clocks for every generated ticket, then the plan of the due-alert claim"
ACCOUNT=$(grep "^account_id=" "$OUT/fixture.properties" | cut -d= -f2)
psql -q -d "$DB" -v account="$ACCOUNT" -v policy="$POLICY" -f "$BENCH/sla-alerts.sql" | tee "$OUT/sla-plan.txt"
