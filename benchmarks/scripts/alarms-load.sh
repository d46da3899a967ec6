#!/usr/bin/env bash
# Device alarms → cases under load (issue 4): starts a PostgreSQL cluster, a Mosquitto and
# (MODE=kafka) a Kafka broker of its own, the platform on the Wujiang-scale sample, then runs
# AlarmLoad against it RUNS times and prints the Markdown rows for docs/benchmarks.md.
#
# Needs: ./mvnw -q -B -pl inventory-api,benchmarks -am package -DskipTests; PostgreSQL 15 server
# binaries; mosquitto. Usage: benchmarks/scripts/alarms-load.sh
# Environment (defaults): MODE=in-process|kafka  SCALE=wujiang  RATES=5000 (one run per rate, in
#   order, on the same platform)  WARMUP=10  DURATION=60  CONNECTIONS=4  PGPORT=25433  MQTT_PORT=18830  HTTP_PORT=18083
#   SETTLE=1 (vacuum analyze + checkpoint after the sample load)  PLATFORM_ARGS= (extra platform options)  LOAD_ARGS= (extra AlarmLoad options)  KEEP=1 (leave
#   the servers running)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
MODE=${MODE:-in-process}
SCALE=${SCALE:-wujiang}
RATES=${RATES:-${RATE:-5000}}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-4}
PGPORT=${PGPORT:-25433}
MQTT_PORT=${MQTT_PORT:-18830}
HTTP_PORT=${HTTP_PORT:-18083}
PLATFORM_ARGS=${PLATFORM_ARGS:-}
LOAD_ARGS=${LOAD_ARGS:-}
OUT=$ROOT/target/alarms-load
RUN=$OUT/$(date +%Y%m%d-%H%M%S)-$MODE
DB=wangge
mkdir -p "$RUN"
# shellcheck source=alarms-servers.sh
. benchmarks/scripts/alarms-servers.sh
check_ports "$PGPORT" "$MQTT_PORT" "$HTTP_PORT"
for f in "$BENCH" "$JAR"; do
  [ -f "$f" ] || { echo "build first: ./mvnw -q -B -pl inventory-api,benchmarks -am package -DskipTests" >&2; exit 2; }
done

cleanup() {
  if [ -z "${KEEP:-}" ]; then
    [ -n "$PLATFORM_PID" ] && kill "$PLATFORM_PID" 2>/dev/null || true
    [ -n "$KAFKA_PID" ] && kill "$KAFKA_PID" 2>/dev/null || true
    mqtt stop >/dev/null 2>&1 || true
    pg_stop
  else
    echo "KEEP=1: platform ${PLATFORM_PID:-–}, Kafka ${KAFKA_PID:-–}, Mosquitto $MQTT_PORT, PostgreSQL $PGPORT running"
  fi
}
trap cleanup EXIT

T0=$(date +%s.%N)
pg_fresh_database
rm -rf "$MQTT_DIR"
mqtt start
if [ "$MODE" = kafka ]; then
  kafka_start
  say "Kafka at $KAFKA (pid $KAFKA_PID)"
fi
PLATFORM_ARGS="--wangge.scale=$SCALE $PLATFORM_ARGS"
say "starting the platform ($SCALE, $MODE alarm log)"
platform_start
say "platform ready (pid $PLATFORM_PID); machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
# The sample district was written moments ago: let PostgreSQL finish with it (vacuum, statistics,
# dirty pages to disk) before the load, as it long has in a district that runs. SETTLE=0 skips it.
if [ "${SETTLE:-1}" = 1 ]; then
  psql_ -d "$DB" -c "vacuum analyze" -c "checkpoint"
  say "database settled (vacuum analyze, checkpoint)"
fi

i=0
for RATE in $RATES; do
  i=$((i + 1))
  kill -0 "$PLATFORM_PID" 2>/dev/null || { echo "the platform has exited; see $PLATFORM_LOG" >&2; exit 1; }
  # shellcheck disable=SC2086
  java -Xmx1g -cp "$BENCH" org.wangge.bench.alarms.AlarmLoad --db "$JDBC" \
    --mqtt "tcp://127.0.0.1:$MQTT_PORT" --connections "$CONNECTIONS" --rate "$RATE" \
    --warmup "$WARMUP" --duration "$DURATION" --label "$MODE" \
    --api "http://127.0.0.1:$HTTP_PORT" --api-password "$(platform_password)" \
    --platform-pid "$APP_PID" --broker-pid "$(mqtt_pid)" \
    --db-pid "$(head -1 "$PGDATA/postmaster.pid")" $LOAD_ARGS 2>&1 \
    | grep --line-buffered -v "^INFO\|SeedData" | tee "$RUN/load-$i.log"
  say "run $i done; machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo
echo "rows (also in $RUN/load-*.log):"
grep -h "^| 20" "$RUN"/load-*.log
