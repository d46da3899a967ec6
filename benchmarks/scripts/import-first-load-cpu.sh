#!/usr/bin/env bash
# CPU per thread of one cold first load: a fresh database, the service started (its grid set only),
# one upload of the wujiang components CSV right after the ready line, and /proc/PID/task/*/stat of
# the service's JVM (the child JVM's PID, from the log's "with PID" line) before and after the load,
# summed by thread group; PostgreSQL's CPU as the sum over all postgres processes (children reaped
# by the postmaster included), so other databases' work counts too.
# Needs the CSV of import-vs-ogr2ogr.sh (target/bench/wujiang/components.csv).
# Usage: benchmarks/scripts/import-first-load-cpu.sh JAR LABEL
# Environment: SETTLE (seconds between the ready line and the load; default 0), JOPTS (more JVM options, e.g. -XX:StartFlightRecording=name=prof,settings=profile
# with -Dwangge.class-sharing=false), JFR (a file to dump that recording into), DB, PORT
set -uo pipefail
cd "$(dirname "$0")/../.."
JAR=$1; LABEL=$2
CSV=target/bench/wujiang/components.csv
DB=${DB:-wangge_first_load}
PORT=${PORT:-18081}
mkdir -p target/bench
LOG=target/bench/$LABEL.log
psql_() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_ -d postgres -c "drop database if exists $DB" -c "create database $DB" >/dev/null
java -Dwangge.mqtt.enabled=false ${JOPTS:-} -jar "$JAR" \
  --spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:5432/$DB" --spring.r2dbc.username=postgres \
  --spring.r2dbc.password= --wangge.scale=wujiang --wangge.sample-components=false \
  --wangge.mqtt.enabled=false --server.port=$PORT > "$LOG" 2>&1 &
APP=$!
for _ in $(seq 240); do grep -q "Wangge is ready" "$LOG" && break; sleep 0.5; done
if ! grep -q "Wangge is ready" "$LOG"; then echo "$LABEL: did not start"; tail -3 "$LOG"; kill $APP 2>/dev/null; exit 1; fi
PID=$(grep -o 'with PID [0-9]*' "$LOG" | head -1 | awk '{print $3}')
# SETTLE: seconds to wait after the ready line (the service's warm-up of the import path ends 2-4 s
# after it); then a checkpoint, so that no checkpoint of the start's writes falls into the load
sleep "${SETTLE:-0}"
psql_ -d postgres -c checkpoint >/dev/null
PASS=$(grep -o "password '[^']*'" "$LOG" | cut -d"'" -f2)
snap() { for t in /proc/$PID/task/*; do s=$(cat $t/stat 2>/dev/null) || continue; n=${s#*(}; n=${n%%)*}; r=${s##*) }; set -- $r; echo "${t##*/} $(( ${12} + ${13} )) ${n// /_}"; done; }
pgcpu() { local tot=0; for p in $(pgrep -x postgres); do s=$(cat /proc/$p/stat 2>/dev/null) || continue; r=${s##*) }; set -- $r; tot=$(( tot + ${12} + ${13} + ${14} + ${15} )); done; echo $tot; }
snap > "$LOG.before"
PG0=$(pgcpu); L0=$(cut -d' ' -f1 /proc/loadavg)
t0=$(date +%s.%N)
# -T streams the file (--data-binary @file would read it all into memory first, ~0.6 s)
id=$(curl -sf -u "admin:$PASS" -H 'Expect:' -H 'Content-Type: application/octet-stream' -X POST -T "$CSV" \
  "http://localhost:$PORT/api/imports?crs=CGCS2000&fileName=components.csv" | sed -E 's/.*"id":"([^"]+)".*/\1/')
tu=$(date +%s.%N)
while :; do
  st=$(curl -sf -u "admin:$PASS" "http://localhost:$PORT/api/imports/$id" | sed -E 's/.*"status":"([A-Z]+)".*/\1/')
  [ "$st" = SUCCEEDED ] || [ "$st" = FAILED ] && break
  sleep 0.05
  [ $(echo "$(date +%s.%N) - $t0 > 120" | bc) = 1 ] && { st=TIMEOUT; break; }
done
t1=$(date +%s.%N)
snap > "$LOG.after"
PG1=$(pgcpu); L1=$(cut -d' ' -f1 /proc/loadavg)
if [ -n "${JFR:-}" ]; then jcmd $PID JFR.dump name=prof filename="$JFR" >/dev/null 2>&1; fi
kill $APP; wait $APP 2>/dev/null
HZ=$(getconf CLK_TCK)
echo "== $LABEL: load $(echo "$t1 - $t0" | bc) s (upload answered $(echo "$tu - $t0" | bc) s), status $st, load avg $L0 -> $L1, PG CPU $(echo "scale=2; ($PG1 - $PG0)/$HZ" | bc) s"
grep -o "import .* of components.csv.*" "$LOG" | cut -c1-300
join -a2 -e0 -o 2.1,1.2,2.2,2.3 <(sort -k1,1 "$LOG.before") <(sort -k1,1 "$LOG.after") 2>/dev/null | awk -v hz=$HZ '
  { name=$4; for(i=5;i<=NF;i++) name=name" "$i; d=($3-$2)/hz; all+=d;
    g=name; if (g ~ /^C2_Comp/) g="C2"; else if (g ~ /^C1_Comp/) g="C1"; else if (g ~ /^(GC_Thread|G1_)/) g="GC";
    else if (g ~ /^reactor-http/) g="http"; else if (g ~ /^Thread-/) g="Thread-*"; else if (g ~ /^import-read/) g="parser"; else if (g ~ /^import-write/) g="writer"; else if (g ~ /^import-/) g="import";
    grp[g]+=d }
  END { printf "JVM all %.2f:", all; n=asorti(grp, k); for (i=1;i<=n;i++) if (grp[k[i]]>=0.05) printf " %s %.2f", k[i], grp[k[i]]; print "" }'
rm -f "$LOG.before" "$LOG.after"
psql_ -d postgres -c "drop database if exists $DB" >/dev/null
