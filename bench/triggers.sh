#!/usr/bin/env bash
# What 20 active triggers on ticket.created cost a new ticket (docs/performance.md, Triggers).
#
#   bench/triggers.sh <server-jar> <database>
#
# On a database bench/run.sh generated (its token and fixture in bench/target/run): starts the jar and creates 20
# triggers on ticket.created through the API, as a help desk would have them: 18 whose conditions are judged and do
# not hold for the benchmark's tickets (channel, tags, words, department, priority, operator, category, status, time
# fields) and 2 that hold and tag the ticket. Then it measures ticket-new in rounds with the triggers inactive and
# active in turn (off, on, on, off, repeated BENCH_PAIRS times, default 3), so that a machine's drift weighs on both
# sides alike. After each round it waits for the trigger queue to be empty, so the next round starts clean, and
# times that wait. It prints each round, each side's median rate and p50, and two costs, each the median over the
# ABBA groups of (rate off / rate on - 1): the request's (ticket-new's rate while the triggers run beside it), and
# the all-in one (tickets opened in the round, warm-up included, over the round's time plus the wait for the
# trigger queue to drain), which charges the triggers' whole work to the tickets.
#
# BENCH_HOLDING=0 adds to the 2 that hold a condition that never does: then the cost is that of judging 20 triggers
# on every new ticket, with no rule-made change; the default, 2, adds the cost of the changes the two rules make.
#
# Environment (all optional): BENCH_HOLDING (2), BENCH_PORT (18080), BENCH_ROUND (90: unmeasured seconds of ticket-new before the rounds),
# BENCH_WARMUP (10) and BENCH_DURATION (20) of each round, BENCH_PAIRS (3), BENCH_HEAP (384m), PGHOST/PGPORT/PGUSER.
# The triggers it creates are deleted at the end.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: bench/triggers.sh <server-jar> <database>"; exit 2; }
JAR=$1
DB=$2
BENCH=$(cd "$(dirname "$0")" && pwd)
OUT="$BENCH/target/run"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PORT=${BENCH_PORT:-18080}
TOKEN=$(cat "$OUT/token")
BASE="http://127.0.0.1:$PORT/v2.0"
PAIRS=${BENCH_PAIRS:-3}
HOLDING=${BENCH_HOLDING:-2}
[ "$HOLDING" = 0 ] || [ "$HOLDING" = 2 ] || { echo "BENCH_HOLDING is 0 or 2"; exit 2; }
DEPARTMENT=$(grep "^department_id=" "$OUT/fixture.properties" | cut -d= -f2)

source "$BENCH/server.sh"
start_server "$OUT/server-triggers.log"

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

OTHER_DEPARTMENT=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/department/list" \
  | jq -er --arg d "$DEPARTMENT" '[.data[] | select(.id != $d)][0].id')
c() { printf '{"field": "%s", "operator": "%s", "value": %s}' "$1" "$2" "$3"; }
tag() { printf '[{"type": "add_tag", "value": "%s"}]' "$1"; }

TRIGGERS=()
# trigger <name> <match> <conditions> <actions>: created inactive
trigger() {
  TRIGGERS+=("$(post /trigger/new "name=$1" "events=ticket.created" "match=$2" "conditions=[$3]" "actions=$4" "active=false")")
}
echo "== 20 triggers on ticket.created ($(( 20 - HOLDING )) that do not hold for these tickets, $HOLDING that tag them)"
trigger "Acknowledge e-mail tickets" all "$(c channel is '"email"')" "$(tag acknowledged)"
trigger "Messages left on the widget" all "$(c channel is '"widget"')" "$(tag widget)"
trigger "Tickets opened by operators" all "$(c channel is '"console"')" "$(tag by-phone)"
trigger "VIP customers" all "$(c tag contains '"vip"')" '[{"type": "set_priority", "value": 4}]'
trigger "Spam" all "$(c tag contains '"spam"')" "$(tag quarantine)"
trigger "Outages" any "$(c subject contains '"fora do ar"'), $(c message contains '"sistema parado"')" \
  '[{"type": "set_priority", "value": 4}, {"type": "add_tag", "value": "outage"}]'
trigger "Billing" any "$(c subject contains '"boleto"'), $(c subject contains '"nota fiscal"'), $(c message contains '"segunda via"')" \
  "$(tag billing)"
trigger "Cancellations" all "$(c message contains '"cancelar assinatura"')" '[{"type": "set_priority", "value": 3}]'
trigger "Test tickets" all "$(c subject is '"teste"')" "$(tag test)"
trigger "Sales department" all "$(c department is "\"$OTHER_DEPARTMENT\"")" "$(tag sales)"
trigger "High priority" all "$(c priority greater_than 2)" "$(tag priority)"
trigger "Already assigned" all "$(c operator is_not null)" "$(tag assigned)"
trigger "With a category" all "$(c category is_not null)" "$(tag categorized)"
trigger "With a custom status" all "$(c status is_not null)" "$(tag status)"
trigger "Opened finished" all "$(c situation is 5)" "$(tag imported)"
trigger "Old tickets" all "$(c hours_since_created greater_than 24)" "$(tag late)"
trigger "Waiting a long time" all "$(c hours_in_situation greater_than 48)" "$(tag stale)"
trigger "Urgent and unassigned" all "$(c priority is 4), $(c operator is null)" "$(tag urgent-queue)"
# With BENCH_HOLDING=0 these two carry one more condition that never holds: all 20 are judged and none acts.
GUARD=""
[ "$HOLDING" = 2 ] || GUARD=", $(c subject is '"never this subject"')"
trigger "API tickets of support" all "$(c channel is '"api"'), $(c department is "\"$DEPARTMENT\"")$GUARD" "$(tag api-support)"
trigger "Triage" all "$(c priority less_than 4), $(c tag not_contains '"triaged"')$GUARD" "$(tag triaged)"
CREATED=$(printf '%s\n' "${TRIGGERS[@]}" | grep -c '^[0-9a-f]\{32\}$' || true)
[ "$CREATED" -eq 20 ] || { echo "created $CREATED triggers of 20: ${TRIGGERS[*]}"; exit 1; }
trap 'for id in "${TRIGGERS[@]}"; do
        curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" --data-urlencode "trigger_id=$id" "$BASE/trigger/delete" || true
      done
      kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null || true' EXIT

switch() {
  for id in "${TRIGGERS[@]}"; do post /trigger/update "trigger_id=$id" "active=$1" >/dev/null; done
}
queued() { psql -At -d "$DB" -c "select count(*) from automation_trigger_event"; }
drain() {
  until [ "$(queued)" = 0 ]; do sleep 1; done
}

tickets() { psql -At -d "$DB" -c "select count(*) from ticket"; }

# round <active>: one measured ticket-new run, then the wait for the queue to drain;
# appends "<active> <req/s> <p50> <p99> <queued after> <all-in tickets/s>"
round() {
  switch "$1"
  drain
  local before began line left drained opened
  before=$(tickets)
  began=$(date +%s.%N)
  line=$(java -cp "$BENCH/target/classes:$BENCH/target/lib/*" io.atende.bench.LoadDriver "$BASE" "$TOKEN" \
    "$OUT/fixture.properties" "${BENCH_WARMUP:-10}" "${BENCH_DURATION:-20}" ticket-new | grep '^ticket-new')
  left=$(queued)
  drain
  drained=$(date +%s.%N)
  opened=$(( $(tickets) - before ))
  local allin
  allin=$(echo "scale=1; $opened / ($drained - $began)" | bc)
  echo "triggers active=$1: $line  (events queued at the end: $left; all-in $allin tickets/s)"
  echo "$1 $(echo "$line" | awk '{print $5, $6, $8}') $left $allin" >>"$OUT/triggers-rounds.txt"
}

: >"$OUT/triggers-rounds.txt"
echo "== warming up (${BENCH_ROUND:-90} s of ticket-new, half with the triggers, unmeasured: the JIT compiler's time)"
for active in false true; do
  switch "$active"
  java -cp "$BENCH/target/classes:$BENCH/target/lib/*" io.atende.bench.LoadDriver "$BASE" "$TOKEN" \
    "$OUT/fixture.properties" "$(( ${BENCH_ROUND:-90} / 2 ))" 1 ticket-new >/dev/null
done
echo "== ticket-new, triggers off and on in turn"
for _ in $(seq "$PAIRS"); do
  round false; round true; round true; round false
done
drain
TAGGED=$(psql -At -d "$DB" -c "select count(*) from automation_trigger_run where error is null")
FAILED=$(psql -At -d "$DB" -c "select count(*) from automation_trigger_run where error is not null")
awk -v tagged="$TAGGED" -v failed="$FAILED" '
  function median(list, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (list[j] < list[i]) { t = list[i]; list[i] = list[j]; list[j] = t }
    return n % 2 ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
  }
  { side = $1; n[side]++; rate[side, n[side]] = $2; p50[side, n[side]] = $3; all[side, n[side]] = $6
    # ABBA groups of four rounds: the cost of each group from its own two rounds a side.
    g = int((NR - 1) / 4) + 1; sum[side, g] += $2; allsum[side, g] += $6; groups = g }
  END {
    for (side in n) {
      delete r; delete p; delete a
      for (i = 1; i <= n[side]; i++) { r[i] = rate[side, i]; p[i] = p50[side, i]; a[i] = all[side, i] }
      printf "triggers active=%s: median %.1f tickets/s, median p50 %.2f ms, median all-in %.1f tickets/s (%d rounds)\n",
        side, median(r, n[side]), median(p, n[side]), median(a, n[side]), n[side]
    }
    line = ""; allline = ""
    for (g = 1; g <= groups; g++) {
      cost[g] = 100 * sum["false", g] / sum["true", g] - 100; allcost[g] = 100 * allsum["false", g] / allsum["true", g] - 100
      line = line sprintf(" %+.1f", cost[g]); allline = allline sprintf(" %+.1f", allcost[g])
    }
    printf "request cost of 20 active triggers per ABBA group (time per ticket): %s %%\n", line
    printf "median request cost: %+.1f %% time per ticket\n", median(cost, groups)
    printf "all-in cost per ABBA group (until the trigger queue drained): %s %%\n", allline
    printf "median all-in cost: %+.1f %% time per ticket\n", median(allcost, groups)
    printf "trigger runs recorded: %d (failed: %d)\n", tagged, failed
  }' "$OUT/triggers-rounds.txt" | tee "$OUT/triggers-summary.txt"
