#!/usr/bin/env bash
# Start-up to ready with the Wujiang inventory already in the database (issue 3).
#
# Loads the wujiang sample into a PostgreSQL database once (not timed), then starts the platform
# RUNS times against it and prints, per run, the "indexes rebuilt in" and "started in" figures of
# its ready line, the wall time from launch to that line, the CPU time the JVM used until then,
# and when the device-alarm path was up: the "Device alarms are accepted" line, which follows the
# ready line since the fifth pass; before, the ready line waited for the MQTT subscription, and
# this column equals the ready time.
#
# Needs: ./mvnw -q -B -pl inventory-api -am package -DskipTests; a PostgreSQL 14+ (default: the
# machine's, 127.0.0.1:5432, user postgres, trust).
# Environment (defaults): RUNS=5  DB=wangge_startup  PGURL_BASE=127.0.0.1:5432
#   HTTP_PORT=18084  JAVA_OPTS=  (e.g. "-XX:SharedArchiveFile=…")  FRESH=1 (drop the database first)
#   JAR=inventory-api/target/inventory-api-0.1.0-SNAPSHOT.jar (e.g. a baseline jar copied aside)
#   ARGS=  (more application arguments, e.g. "--wangge.snapshot.enabled=false")
#   JAVA=java  (e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
#   REBUILD_START=  (1: one more column, when the inventory's rebuild started after the launch: the
#   time of StartupWork's debug line "schema migrated in", logged just before, which this turns on)
# The untimed first start also unpacks a new jar beside it (UnpackedClassPath) and records the
# class-sharing archive of this jar and JDK (SharedClassesJvm), as the first start after a build
# does in use. "ready after" is the time from the launch of the JVM started here (the launcher,
# which starts the application's JVM) to the ready line, as the ready line reports it.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
DB=${DB:-wangge_startup}
PGURL_BASE=${PGURL_BASE:-127.0.0.1:5432}
HTTP_PORT=${HTTP_PORT:-18084}
JAR=${JAR:-inventory-api/target/inventory-api-0.1.0-SNAPSHOT.jar}
JAVA=${JAVA:-java}
OUT=target/startup
mkdir -p "$OUT"
[ -f "$JAR" ] || { echo "build first: ./mvnw -q -B -pl inventory-api -am package -DskipTests" >&2; exit 2; }
PSQL=(psql -h "${PGURL_BASE%:*}" -p "${PGURL_BASE#*:}" -U postgres -d postgres -qAt)
[ -n "${FRESH:-}" ] && "${PSQL[@]}" -c "drop database if exists $DB" >/dev/null
"${PSQL[@]}" -c "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
  || "${PSQL[@]}" -c "create database $DB" >/dev/null

# one start: prints "<rebuild s> <uptime s> <wall s> <cpu s>" or fails
start_once() {
  local log=$1 t0 pid line
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" \
    --spring.r2dbc.url="r2dbc:postgresql://postgres@$PGURL_BASE/$DB" \
    --wangge.scale=wujiang --server.port="$HTTP_PORT" \
    --wangge.mqtt.embedded.port=0 --wangge.mqtt.embedded.data-dir="$OUT/hivemq" \
    ${REBUILD_START:+--logging.level.org.wangge.api.StartupWork=debug} ${ARGS:-} >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    if line=$(grep -m1 'Wangge is ready' "$log"); then
      local wall
      wall=$(echo "$(date +%s.%N) - $t0" | bc)
      # CPU the JVMs used up to the ready line (utime + stime, in clock ticks): the launched one
      # and the child it starts the application in (UnpackedClassPath, SharedClassesJvm)
      cpu=$(for p in "$pid" $(pgrep -P "$pid"); do cat "/proc/$p/stat"; done 2>/dev/null \
        | awk -v hz="$(getconf CLK_TCK)" '{t += $14 + $15} END {printf "%.1f", t / hz}')
      # the device-alarm path: up before the ready line (older builds), or after it, saying when
      local alarms ready_at mqtt_at
      up=$(echo "$line" | sed -E 's/.*started in ([0-9.]+) s.*/\1/')
      alarms=$up
      ready_at=$(grep -n -m1 'Wangge is ready' "$log" | cut -d: -f1)
      mqtt_at=$(grep -n -m1 'MQTT ingest subscribed' "$log" | cut -d: -f1 || true)
      if [ -z "$mqtt_at" ] || [ "$mqtt_at" -gt "$ready_at" ]; then
        alarms=n/a
        for _ in $(seq 1 600); do
          if a=$(grep -m1 'Device alarms are accepted' "$log"); then
            alarms=$(echo "$a" | sed -E 's/.*\(([0-9.]+) s\).*/\1/'); break
          fi
          sleep 0.1
        done
      fi
      # the rebuild's start: the launch time the launcher passed to the application's JVM, and the
      # time of the debug line logged just before the rebuild (the log's clock is local time)
      local rebuild_at=""
      if [ -n "${REBUILD_START:-}" ]; then
        local launched at
        launched=$(for p in $(pgrep -P "$pid"); do tr '\0' '\n' <"/proc/$p/cmdline"; done 2>/dev/null \
          | sed -n 's/^-Dwangge.launched-at=//p' | head -1)
        at=$(grep -m1 'schema migrated in' "$log" | cut -c1-23 | tr ',' '.')
        if [ -n "$launched" ] && [ -n "$at" ]; then
          rebuild_at=$(echo "($(date -d "$at" +%s%3N) - $launched) / 1000" | bc -l)
          rebuild_at=$(printf '%.2f' "$rebuild_at")
        else
          rebuild_at=n/a
        fi
      fi
      kill "$pid"; wait "$pid" 2>/dev/null || true
      echo "$line" | sed -E 's/.*rebuilt in ([0-9.]+) s, started in ([0-9.]+) s.*/\1 \2/' | tr '\n' ' '
      printf '%.1f %s %s %s\n' "$wall" "$cpu" "$alarms" "$rebuild_at"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "the platform exited; see $log" >&2; return 1; }
    sleep 0.1
  done
  kill "$pid"; echo "not ready within 120 s; see $log" >&2; return 1
}

echo "first start (loads the wujiang sample if the database is empty; not timed)"
start_once "$OUT/load.log" >/dev/null
echo "| run | load average before | indexes rebuilt | ready after (since launch) | wall, launch → ready line | JVM CPU until ready | device alarms accepted after |${REBUILD_START:+ rebuild started after |}"
echo "| --- | --- | --- | --- | --- | --- | --- |${REBUILD_START:+ --- |}"
for i in $(seq 1 "$RUNS"); do
  sleep 3
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -r rebuild up wall cpu alarms rebuild_at < <(start_once "$OUT/run-$i.log")
  echo "| $i | $load | $rebuild s | $up s | $wall s | $cpu s | $alarms s |${REBUILD_START:+ $rebuild_at s |}"
done
