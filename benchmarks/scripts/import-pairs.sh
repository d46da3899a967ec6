#!/usr/bin/env bash
# Alternated cold first loads of two jars (A B, B A, A B, …), one line per load: wall time, the job
# log's read/tail/snapshot times, the JVM's CPU by thread group and PostgreSQL's CPU
# (import-first-load-cpu.sh does each load), and, when PostgreSQL logs statement durations
# (log_min_duration_statement ≤ the key's time), the COPY's, the key's and the district key's.
# A load's spread on two cores is wider than most changes: compare pairs, not single loads.
# Usage: benchmarks/scripts/import-pairs.sh LABEL_A JAR_A LABEL_B JAR_B [ROUNDS]
# Environment: DB (default wangge_first_load_pairs), PORT (18081), PGLOG (PostgreSQL's log file;
# default the newest in /var/log/postgresql), SETTLE (seconds between each service's ready line and
# its load, the same for both jars), OGR=1 (an ogr2ogr load of the same CSV before each pair)
set -uo pipefail
cd "$(dirname "$0")/../.."
LA=$1; JA=$2; LB=$3; JB=$4; ROUNDS=${5:-2}
PGLOG=${PGLOG:-$(ls -t /var/log/postgresql/*.log 2>/dev/null | head -1)}
one() {
  local l0=0
  [ -n "$PGLOG" ] && l0=$(wc -l < "$PGLOG")
  local out
  out=$(DB=${DB:-wangge_first_load_pairs} PORT=${PORT:-18081} \
    benchmarks/scripts/import-first-load-cpu.sh "$2" "$1" 2>&1)
  local ddl=""
  if [ -n "$PGLOG" ]; then
    ddl=$(tail -n +"$l0" "$PGLOG" \
      | grep -o 'duration: [0-9.]* ms .*\(copy component\|add constraint [a-z_]*\|validate constraint [a-z_]*\)' \
      | sed -E 's/duration: ([0-9.]*) ms .*(copy component|add constraint [a-z_]*|validate constraint [a-z_]*)/\2 \1 ms/' \
      | tr '\n' ';')
  fi
  echo "$1 | $(echo "$out" | grep -o 'load [0-9.]* s' | head -1) | $(echo "$out" | grep -o 'PG CPU [0-9.]* s') |" \
    "$(echo "$out" | grep -o 'in [0-9.]* s (read+validate [0-9.]* s, then write [0-9.]* s, index built meanwhile in [0-9.]* s)') |" \
    "$(echo "$out" | grep -o 'JVM all.*') | $ddl"
}
# OGR=1: ogr2ogr loads the same CSV into the same PostgreSQL once per round, before the pair
ogr() {
  local db=wangge_pairs_ogr
  psql -h 127.0.0.1 -U postgres -qAt -d postgres -c "drop database if exists $db" -c "create database $db" >/dev/null 2>&1
  psql -h 127.0.0.1 -U postgres -qAt -d $db -c "create schema ogr" -c checkpoint >/dev/null
  local t0 t1
  t0=$(date +%s.%N)
  ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 user=postgres dbname=$db" target/bench/wujiang/components.csv \
    -nln ogr.components -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -a_srs EPSG:4490 --config PG_USE_COPY YES
  t1=$(date +%s.%N)
  echo "ogr2ogr | load $(echo "$t1 - $t0" | bc) s"
  psql -h 127.0.0.1 -U postgres -qAt -d postgres -c "drop database $db" >/dev/null
}
for i in $(seq "$ROUNDS"); do
  if [ "${OGR:-0}" = 1 ]; then ogr; fi
  if [ $((i % 2)) = 1 ]; then one "$LA" "$JA"; one "$LB" "$JB"; else one "$LB" "$JB"; one "$LA" "$JA"; fi
done
