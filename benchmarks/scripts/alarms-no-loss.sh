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
#   FAULT_GAP=8 (seconds between faults)  PLATFORM_ARGS= (extra platform options, e.g.
#   "--wangge.alarm-log=kafka --wangge.kafka.bootstrap-servers=127.0.0.1:19092")
#   NO_PLATFORM=1: dry run of the tooling alone (cluster, broker restart, publisher retries; a
#   sample fleet, no platform, no accounting)   KEEP=1: leave the servers running at the end
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-25432}
MQTT_PORT=${MQTT_PORT:-18831}
HTTP_PORT=${HTTP_PORT:-18081}
COUNT=${COUNT:-60000}
RATE=${RATE:-1000}
FAULT_GAP=${FAULT_GAP:-8}
PLATFORM_ARGS=${PLATFORM_ARGS:-}
NO_PLATFORM=${NO_PLATFORM:-}
JAR=${PLATFORM_JAR:-inventory-api/target/inventory-api-0.1.0-SNAPSHOT.jar}
BENCH=benchmarks/target/benchmarks.jar
OUT=$ROOT/target/alarms-no-loss
RUN_ID=N$(date +%s)
RUN=$OUT/$RUN_ID
PGDATA=$OUT/pg-$PGPORT
MQTT_DIR=$OUT/mqtt-$MQTT_PORT
DB=wangge
JDBC="jdbc:postgresql://127.0.0.1:$PGPORT/$DB"
mkdir -p "$RUN"

say() { printf '%s [%6.1fs] %s\n' "$(date +%T)" "$(echo "$(date +%s.%N) - ${T0:-$(date +%s.%N)}" | bc)" "$*"; }
as_postgres() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else "$@"; fi
}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

for p in "$PGPORT" "$MQTT_PORT" "$HTTP_PORT"; do
  if ! port_free "$p" && ! { [ "$p" = "$PGPORT" ] && [ -f "$PGDATA/postmaster.pid" ]; }; then
    echo "port $p is in use by someone else: set PGPORT/MQTT_PORT/HTTP_PORT" >&2
    exit 2
  fi
done
[ -f "$BENCH" ] || { echo "build first: ./mvnw -q -B -pl benchmarks -am package -DskipTests" >&2; exit 2; }
if [ -z "$NO_PLATFORM" ] && [ ! -f "$JAR" ]; then
  echo "build first: ./mvnw -q -B -pl inventory-api -am package -DskipTests" >&2
  exit 2
fi

# --- PostgreSQL: a cluster of our own -------------------------------------------------------
pg_start() { as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$OUT/pg-$PGPORT.log" -w -t 60 start >/dev/null; }
pg_restart() { as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$OUT/pg-$PGPORT.log" -w -t 60 -m fast restart >/dev/null; }
pg_stop() { as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -w -t 60 -m fast stop >/dev/null 2>&1 || true; }
psql_() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$OUT" "$PGDATA" 2>/dev/null || true
  as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$PGDATA/postgresql.conf" <<EOF
port = $PGPORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PGDATA'
max_connections = 100
shared_buffers = 256MB
EOF
fi
chown postgres:postgres "$OUT" 2>/dev/null || true
touch "$OUT/pg-$PGPORT.log" && chown postgres "$OUT/pg-$PGPORT.log" 2>/dev/null || true
pg_start
psql_ -d postgres -c "drop database if exists $DB" -c "create database $DB"

# --- Mosquitto: our own, persistent ---------------------------------------------------------
mqtt() { benchmarks/scripts/mosquitto-bench.sh "$1" "$MQTT_PORT" "$MQTT_DIR"; }
rm -rf "$MQTT_DIR"
mqtt start >/dev/null

# --- the platform ------------------------------------------------------------------------------
PLATFORM_PID=
START=0
platform_start() {
  START=$((START + 1))
  local log="$RUN/platform-$START.log"
  # shellcheck disable=SC2086
  java ${WANGGE_JAVA_OPTS:--Xmx1g} -jar "$JAR" \
    --spring.r2dbc.url="r2dbc:postgresql://postgres@127.0.0.1:$PGPORT/$DB" \
    --wangge.mqtt.url="tcp://127.0.0.1:$MQTT_PORT" --server.port="$HTTP_PORT" $PLATFORM_ARGS \
    > "$log" 2>&1 &
  PLATFORM_PID=$!
  for _ in $(seq 240); do
    if grep -q "Wangge is ready" "$log"; then return 0; fi
    if ! kill -0 "$PLATFORM_PID" 2>/dev/null; then
      echo "the platform exited; see $log" >&2
      tail -20 "$log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "the platform did not get ready in 120 s; see $log" >&2
  return 1
}

PUB_PID=
cleanup() {
  [ -n "$PUB_PID" ] && kill "$PUB_PID" 2>/dev/null || true
  if [ -z "${KEEP:-}" ]; then
    [ -n "$PLATFORM_PID" ] && kill "$PLATFORM_PID" 2>/dev/null || true
    mqtt stop >/dev/null 2>&1 || true
    pg_stop
  else
    echo "KEEP=1: platform pid ${PLATFORM_PID:-none}, mosquitto $MQTT_PORT, PostgreSQL $PGPORT left running"
  fi
}
trap cleanup EXIT

T0=$(date +%s.%N)
FLEET=(--db "$JDBC")
if [ -z "$NO_PLATFORM" ]; then
  say "starting the platform (PostgreSQL $PGPORT, Mosquitto $MQTT_PORT, HTTP $HTTP_PORT)"
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
  kill -9 "$PLATFORM_PID"
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
echo "## Faults injected (run $RUN_ID, $COUNT messages at $RATE/s)"
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
