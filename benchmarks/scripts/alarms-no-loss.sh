#!/usr/bin/env bash
# No loss, no duplicates under faults (issue 4): publishes a numbered stream of alarms through the
# script's own Mosquitto into the platform backed by the script's own PostgreSQL cluster, and in the
# middle of the stream
#   1. kills the platform with SIGKILL and starts it again,
#   2. restarts the broker (gracefully; persistence on),
#   3. restarts PostgreSQL (pg_ctl restart -m fast: open connections are cut),
# then waits until the database is quiet and counts: every published number exactly once across
# alarm ∪ quarantine ∪ dead_letter, no key with two active cases, alarm_count = alarms folded in.
# Prints a PASS/FAIL table; exit 0 only on PASS.
#
# It never touches the machine's PostgreSQL (5432) or Mosquitto (1883): its cluster is initdb'ed
# under target/alarms-no-loss/ and runs as user postgres on its own port.
#
# Needs: the built jars (./mvnw -q -B -pl inventory-api,benchmarks -am package -DskipTests),
# PostgreSQL 15 server binaries (/usr/lib/postgresql/15/bin), mosquitto, root or user postgres.
#
# Usage: benchmarks/scripts/alarms-no-loss.sh
# Environment (defaults): COUNT=60000 RATE=1000 PGPORT=25432 MQTT_PORT=18831 HTTP_PORT=18081
#   FAULT_GAP=8 (seconds between faults)  MODE=in-process|kafka (kafka: the script also runs a
#   single-node KRaft broker, benchmarks' KafkaBroker)  PLATFORM_ARGS= (extra platform options)
#   NO_PLATFORM=1: dry run of the tooling alone (cluster, broker restart, publisher retries; a
#   sample fleet, no platform, no accounting)   KEEP=1: leave the servers running at the end
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PGPORT=${PGPORT:-25432}
MQTT_PORT=${MQTT_PORT:-18831}
HTTP_PORT=${HTTP_PORT:-18081}
COUNT=${COUNT:-60000}
RATE=${RATE:-1000}
FAULT_GAP=${FAULT_GAP:-8}
PLATFORM_ARGS=${PLATFORM_ARGS:-}
NO_PLATFORM=${NO_PLATFORM:-}
MODE=${MODE:-in-process}
OUT=$ROOT/target/alarms-no-loss
RUN_ID=N$(date +%s)
RUN=$OUT/$RUN_ID
DB=wangge
mkdir -p "$RUN"

# shellcheck source=alarms-servers.sh
. benchmarks/scripts/alarms-servers.sh
check_ports "$PGPORT" "$MQTT_PORT" "$HTTP_PORT"
[ -f "$BENCH" ] || { echo "build first: ./mvnw -q -B -pl benchmarks -am package -DskipTests" >&2; exit 2; }
if [ -z "$NO_PLATFORM" ] && [ ! -f "$JAR" ]; then
  echo "build first: ./mvnw -q -B -pl inventory-api -am package -DskipTests" >&2
  exit 2
fi

# --- PostgreSQL: a cluster of our own, a fresh database ----------------------------------------
pg_fresh_database

# --- Mosquitto: our own, persistent ---------------------------------------------------------
rm -rf "$MQTT_DIR"
mqtt start >/dev/null

PUB_PID=
cleanup() {
  [ -n "$PUB_PID" ] && kill "$PUB_PID" 2>/dev/null || true
  if [ -z "${KEEP:-}" ]; then
    [ -n "$PLATFORM_PID" ] && kill "$PLATFORM_PID" 2>/dev/null || true
    [ -n "$KAFKA_PID" ] && kill "$KAFKA_PID" 2>/dev/null || true
    mqtt stop >/dev/null 2>&1 || true
    pg_stop
  else
    echo "KEEP=1: platform pid ${PLATFORM_PID:-none}, mosquitto $MQTT_PORT, PostgreSQL $PGPORT left running"
  fi
}
trap cleanup EXIT

T0=$(date +%s.%N)
FLEET=(--db "$JDBC")
if [ -z "$NO_PLATFORM" ] && [ "$MODE" = kafka ]; then
  kafka_start
  say "Kafka at $KAFKA (pid $KAFKA_PID)"
fi
if [ -z "$NO_PLATFORM" ]; then
  say "starting the platform ($MODE alarm log; PostgreSQL $PGPORT, Mosquitto $MQTT_PORT, HTTP $HTTP_PORT)"
  platform_start
  say "platform ready (pid $PLATFORM_PID)"
else
  FLEET=(--fleet sample:demo)
  say "NO_PLATFORM: dry run of the tooling, no subscriber"
fi

MANIFEST=$RUN/plan.tsv
java -cp "$BENCH" org.wangge.bench.alarms.AlarmLoad --numbered "${FLEET[@]}" \
  --mqtt "tcp://127.0.0.1:$MQTT_PORT" --count "$COUNT" --rate "$RATE" --prefix "$RUN_ID" \
  --manifest "$MANIFEST" > "$RUN/publisher.log" 2>&1 &
PUB_PID=$!
say "publishing $COUNT numbered messages at $RATE/s (pid $PUB_PID, log $RUN/publisher.log)"

for _ in $(seq 240); do
  grep -q "^numbered run" "$RUN/publisher.log" && break
  kill -0 "$PUB_PID" 2>/dev/null || { cat "$RUN/publisher.log" >&2; exit 2; }
  sleep 0.5
done

FAULTS=()
progress() { { grep -o 'sent [0-9,]*' "$RUN/publisher.log" || true; } | tail -1 | tr -d , | cut -d' ' -f2; }
fault() { # name, then the command
  local name=$1; shift
  sleep "$FAULT_GAP"
  local during="no"
  kill -0 "$PUB_PID" 2>/dev/null && during="yes"
  local sent
  sent=$(progress)
  local t1
  t1=$(date +%s.%N)
  "$@"
  local took
  took=$(echo "$(date +%s.%N) - $t1" | bc)
  FAULTS+=("| $name | $(printf '%.1f' "$(echo "$t1 - $T0" | bc)") s | ${sent:-0} | $during | $(printf '%.1f' "$took") s |")
  say "$name done in $(printf '%.1f' "$took") s (publisher had sent ${sent:-0}; mid-stream: $during)"
}
kill_platform() {
  kill -9 "$APP_PID" "$PLATFORM_PID" 2>/dev/null || true
  wait "$PLATFORM_PID" 2>/dev/null || true
  platform_start
}
if [ -z "$NO_PLATFORM" ]; then
  fault "kill -9 platform, start again (until ready)" kill_platform
fi
fault "restart Mosquitto (SIGTERM, persistent)" mqtt restart
fault "restart PostgreSQL (pg_ctl restart -m fast)" pg_restart

say "waiting for the publisher to have every message PUBACKed"
PUB_STATUS=0
wait "$PUB_PID" || PUB_STATUS=$?
PUB_PID=
tail -8 "$RUN/publisher.log"

echo
echo "## Faults injected (run $RUN_ID, $COUNT messages at $RATE/s, $MODE alarm log)"
echo
echo "| fault | at | messages sent before | while publishing | took |"
echo "| --- | ---: | ---: | --- | ---: |"
printf '%s\n' "${FAULTS[@]}"
echo

if [ -n "$NO_PLATFORM" ]; then
  [ "$PUB_STATUS" = 0 ] && echo "RESULT: publisher got every PUBACK (dry run, nothing to count)" \
    || echo "RESULT: FAIL (publisher exit $PUB_STATUS)"
  exit "$PUB_STATUS"
fi
VERIFY_STATUS=0
java -cp "$BENCH" org.wangge.bench.alarms.AlarmLoad --verify --db "$JDBC" --manifest "$MANIFEST" \
  | tee "$RUN/verify.log" || VERIFY_STATUS=$?
[ "$PUB_STATUS" = 0 ] || { echo "publisher exit $PUB_STATUS: not every message was PUBACKed"; exit 1; }
exit "$VERIFY_STATUS"
