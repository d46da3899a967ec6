#!/usr/bin/env bash
# Component edits against the Wujiang inventory: N sequential PUT /api/components/{code}, each
# changing the state of a random component and keeping its position, timed per request (curl),
# with the service's CPU over the N edits from /proc. Each edit commits, then replaces the
# in-memory snapshot of all 649,000 components.
#
# Needs: a database already holding the Wujiang inventory (e.g. the one benchmarks/scripts/startup.sh
# loads) and its admin password; the built jar.
# Environment (defaults): DB=wangge_startup PASS= (the admin's password) N=30 WARM=10
#   HTTP_PORT=18086 JAR=inventory-api/target/inventory-api-0.1.0-SNAPSHOT.jar
# Prints: edits, mean and p50/max latency, CPU per edit of the service (both JVMs: launcher + app).
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${DB:-wangge_startup}
N=${N:-30}
WARM=${WARM:-10}
HTTP_PORT=${HTTP_PORT:-18086}
JAR=${JAR:-inventory-api/target/inventory-api-0.1.0-SNAPSHOT.jar}
: "${PASS:?set PASS to the admin password of $DB}"
OUT=target/edits
mkdir -p "$OUT"
LOG="$OUT/service-$HTTP_PORT.log"
java -jar "$JAR" --spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:5432/$DB" \
  --spring.r2dbc.username=postgres --spring.r2dbc.password= --wangge.mqtt.enabled=false \
  --wangge.scale=wujiang --server.port="$HTTP_PORT" > "$LOG" 2>&1 &
LAUNCHER=$!
trap 'kill $LAUNCHER 2>/dev/null || true; wait $LAUNCHER 2>/dev/null || true' EXIT
for _ in $(seq 180); do grep -q "Wangge is ready" "$LOG" && break; sleep 1; done
APP=$(grep -o 'with PID [0-9]*' "$LOG" | tail -1 | grep -o '[0-9]*$')
ticks() { awk '{print $14 + $15}' "/proc/$APP/stat"; }
psql -h 127.0.0.1 -U postgres -d "$DB" -qAt -F '|' \
  -c "select code, lon, lat, competent_dept_id, competent_dept_name from component
      order by random() limit $((N + WARM))" > "$OUT/codes"
edit() { # code lon lat dept-id dept-name state -> seconds
  curl -sf -o /dev/null -w '%{time_total}\n' -u "admin:$PASS" -X PUT \
    -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench\",\"lon\":$2,\"lat\":$3,\"competentDeptId\":\"$4\",\"competentDeptName\":\"$5\",\"state\":\"$6\"}" \
    "http://127.0.0.1:$HTTP_PORT/api/components/$1"
}
i=0
: > "$OUT/times"
while IFS='|' read -r code lon lat dept_id dept_name; do
  i=$((i + 1))
  state=$([ $((i % 2)) = 0 ] && echo INTACT || echo DAMAGED)
  if [ "$i" -le "$WARM" ]; then
    edit "$code" "$lon" "$lat" "$dept_id" "$dept_name" "$state" > /dev/null
    [ "$i" = "$WARM" ] && c0=$(ticks) && t0=$(date +%s.%N)
  else
    edit "$code" "$lon" "$lat" "$dept_id" "$dept_name" "$state" >> "$OUT/times"
  fi
done < "$OUT/codes"
t1=$(date +%s.%N)
c1=$(ticks)
HZ=$(getconf CLK_TCK)
sort -n "$OUT/times" | awk -v n="$N" -v c="$((c1 - c0))" -v hz="$HZ" -v wall="$(echo "$t1 - $t0" | bc)" '
  { t[NR] = $1; s += $1 }
  END { printf "edits %d: mean %.1f ms, p50 %.1f ms, max %.1f ms; wall %.2f s; app CPU per edit %.0f ms\n",
        NR, 1000 * s / NR, 1000 * t[int((NR + 1) / 2)], 1000 * t[NR], wall, 1000 * c / hz / n }'
