#!/usr/bin/env bash
# Component box queries from the ready line on: starts the service on a database that already holds
# the Wujiang inventory (startup.sh's, for one), then runs ROUNDS rounds of
# `wrk -t2 -c50 -d20s` with bbox.lua's default boxes, the first starting at the ready line, and
# prints each round's requests/s and percentiles: how the p95 settles as the service warms up.
# Needs wrk and an admin password: the first start prints it; or set one in app_user.
# Usage: WANGGE_PASSWORD=… benchmarks/scripts/bbox-after-start.sh JAR LABEL
# Environment: DB (default wangge_startup), PORT (18142), ROUNDS (4), JOPTS (more JVM options)
set -uo pipefail
cd "$(dirname "$0")/../.."
JAR=$1; LABEL=$2; PORT=${PORT:-18142}; LOG=target/bench/bbox-$LABEL.log
mkdir -p target/bench
java -Dwangge.mqtt.enabled=false ${JOPTS:-} -jar "$JAR" \
  --spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:5432/${DB:-wangge_startup}" \
  --spring.r2dbc.username=postgres --spring.r2dbc.password= --wangge.scale=wujiang \
  --wangge.mqtt.enabled=false --server.port="$PORT" > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null' EXIT
for _ in $(seq 240); do grep -q 'Wangge is ready' "$LOG" && break; sleep 0.5; done
export WANGGE_AUTH=$(printf 'admin:%s' "${WANGGE_PASSWORD:?set WANGGE_PASSWORD}" | base64)
for r in $(seq "${ROUNDS:-4}"); do
  echo "$LABEL round $r: $(wrk -t2 -c50 -d20s --latency -s benchmarks/scripts/bbox.lua \
    "http://localhost:$PORT" 2>&1 | grep -E 'Requests/sec|p95' | tr '\n' ' ')"
done
