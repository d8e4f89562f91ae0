# Sourced by ab.sh and sla.sh: starts a server jar on a generated database with the benchmark's settings and stops it
# on exit. Needs JAR, DB, OUT, PORT, TOKEN, PGHOST/PGPORT/PGUSER set by the caller.
#   start_server <log>: waits for /actuator/health; sets SERVER_PID
start_server() {
  local log=$1
  ATENDE_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" ATENDE_DB_USER=$PGUSER ATENDE_PORT=$PORT ATENDE_BOOTSTRAP_TOKEN=$TOKEN \
  ATENDE_RATE_LIMIT_PER_SECOND=1000000 ATENDE_RATE_LIMIT_BURST=1000000 ATENDE_ACCESS_LOG_LEVEL=WARN \
  ATENDE_WEBHOOK_ALLOW_PRIVATE=true ATENDE_SECRET_KEY=${ATENDE_SECRET_KEY:-YmVuY2htYXJrLWtleS1vZi1hdGVuZGUtMzItYnl0ZXM=} \
    java -Xmx${BENCH_HEAP:-384m} ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$log" 2>&1 &
  SERVER_PID=$!
  trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null || true' EXIT
  until curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died, see $log"; tail -30 "$log"; exit 1; }
    sleep 0.1
  done
}
