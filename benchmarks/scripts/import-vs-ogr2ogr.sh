#!/usr/bin/env bash
# Survey import of the Wujiang-scale component CSV (649,000 rows) end to end, against ogr2ogr
# loading the same CSV into the same PostgreSQL, measured in the same run.
#
# Needs: a PostgreSQL (default the machine's 127.0.0.1:5432, trust auth), gdal-bin (ogr2ogr),
# curl, and the built jars: ./mvnw -q -B -DskipTests package
# Usage: benchmarks/scripts/import-vs-ogr2ogr.sh [runs]
# Environment: WANGGE_JAR (the jar under test), WANGGE_BASELINE_JAR (optional: the jar before a
# change, whose first load runs in the same run), WANGGE_BENCH_DB, WANGGE_BENCH_PORT, OGR_RUNS,
# FORMATS=1 (Shapefile and GeoPackage re-imports too), WANGGE_JAVA_OPTS, WANGGE_BENCH_SETTLE
# (seconds to wait after the ready line before the first load, for both jars; default 0: the
# first load starts right after the ready line and stops the service's warm-up of the import path;
# "warm-up": until the service logs that its warm-up has ended, at most 30 s),
# WANGGE_BENCH_DRY_FIRST=1 (a dry run of the same file before each jar's first load, timed on its
# own: a survey team's usual order, which the first load then follows in a JIT-warm service)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
PORT=${WANGGE_BENCH_PORT:-18080}
OUT=target/bench
mkdir -p "$OUT"
psql_() { psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -v ON_ERROR_STOP=1 -qAt "$@"; }
now() { date +%s.%N; }
# Before every timed step (ogr2ogr's too): a checkpoint, so that every step starts from the same
# state of the database. Without it the second jar's first load ran 3.0-4.6 s faster than the
# first's whichever jar it was (eighth pass, runs A and B in docs/benchmarks.md); with it neither
# slot was (runs C and D). Two runs each: chance is not ruled out.
settle_db() { psql_ -d postgres -c checkpoint; }

if [ ! -f "$OUT/wujiang/components.csv" ]; then
  java -jar data/target/wangge-data.jar generate --scale wujiang --out "$OUT/wujiang" >/dev/null 2>&1
fi
CSV="$OUT/wujiang/components.csv"
echo "CSV: $(wc -l < "$CSV") lines, $(du -h "$CSV" | cut -f1)"

DB=${WANGGE_BENCH_DB:-wangge_bench}
psql_ -d postgres -c "drop database if exists $DB" -c "create database $DB"
# ogr2ogr writes into its own schema so that the service's Flyway sees an empty public schema
psql_ -d "$DB" -c "create schema ogr"

echo "== ogr2ogr baseline (PG_USE_COPY YES) =="
for i in $(seq "${OGR_RUNS:-$RUNS}"); do
  psql_ -d "$DB" -c "drop table if exists ogr.components"
  settle_db
  t0=$(now)
  # its own CPU (user + system) too: on one machine ogr2ogr ran 2.3x slower than on the others
  # while the service did not (twelfth pass), and this tells such a machine apart
  TIMEFORMAT='%U %S'
  cpu=$( { time ogr2ogr -f PostgreSQL "PG:host=$PGHOST port=$PGPORT user=$PGUSER dbname=$DB" "$CSV" \
    -nln ogr.components -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -a_srs EPSG:4490 \
    --config PG_USE_COPY YES >/dev/null; } 2>&1 | tail -1 | awk '{print $1 + $2}')
  t1=$(now)
  echo "ogr2ogr run $i: $(echo "$t1 - $t0" | bc) s (its own CPU ${cpu} s), rows $(psql_ -d "$DB" -c 'select count(*) from ogr.components')"
done

APP=
trap 'if [ -n "$APP" ]; then kill $APP 2>/dev/null || true; fi' EXIT
# start_service JAR DATABASE LOG: starts the service on $PORT and waits until it is ready
start_service() {
  java ${WANGGE_JAVA_OPTS:-} -jar "$1" \
    --spring.r2dbc.url="r2dbc:postgresql://$PGHOST:$PGPORT/$2" --spring.r2dbc.username="$PGUSER" \
    --spring.r2dbc.password= --wangge.scale=wujiang --wangge.sample-components=false \
    --server.port="$PORT" > "$3" 2>&1 &
  APP=$!
  for _ in $(seq 180); do grep -q "Wangge is ready" "$3" && break; sleep 1; done
  PASS=$(grep -o "password '[^']*'" "$3" | cut -d"'" -f2)
  AUTH="admin:$PASS"
  if [ "${WANGGE_BENCH_SETTLE:-0}" = warm-up ]; then
    # until the service's warm-up of the import path has ended (a jar without one: 30 s)
    for _ in $(seq 300); do grep -q "import path warmed up" "$3" && break; sleep 0.1; done
    echo "$(grep -o 'import path warmed up.*' "$3" || echo 'no warm-up line in 30 s')"
  else
    sleep "${WANGGE_BENCH_SETTLE:-0}"
  fi
}
stop_service() {
  kill "$APP" 2>/dev/null || true
  wait "$APP" 2>/dev/null || true
  APP=
}

import_once() {
  local label=$1
  local file=${2:-$CSV}
  local query=${3:-crs=CGCS2000&fileName=components.csv}
  local t0 t1 id status
  settle_db
  t0=$(now)
  # no 'Expect: 100-continue': curl would wait a second for a 100 Continue before sending the body.
  # -T streams the file as it reads it; --data-binary @file would read all 148 MB into memory before
  # connecting (~0.6 s here, timed as the service's; tenth pass, "the first request"). ogr2ogr, too,
  # reads its file as it goes.
  id=$(curl -sf -u "$AUTH" -H 'Expect:' -H 'Content-Type: application/octet-stream' -X POST -T "$file" \
    "http://localhost:$PORT/api/imports?$query" \
    | sed -E 's/.*"id":"([^"]+)".*/\1/')
  while :; do
    status=$(curl -sf -u "$AUTH" "http://localhost:$PORT/api/imports/$id" \
      | sed -E 's/.*"status":"([A-Z]+)".*/\1/')
    [ "$status" = SUCCEEDED ] || [ "$status" = FAILED ] && break
    sleep 0.05
  done
  t1=$(now)
  echo "$label: $(echo "$t1 - $t0" | bc) s, status $status, load $(cut -d' ' -f1 /proc/loadavg), job: $(curl -sf -u "$AUTH" "http://localhost:$PORT/api/imports/$id" | tr -d '\n' | cut -c1-400)"
}

# dry_first LABEL: with WANGGE_BENCH_DRY_FIRST=1, a dry run of the CSV (reads, validates, writes
# nothing) before the first load
dry_first() {
  if [ "${WANGGE_BENCH_DRY_FIRST:-0}" = 1 ]; then
    import_once "$1dry run of the same CSV before the first load" "$CSV" \
      "crs=CGCS2000&fileName=components.csv&dryRun=true"
  fi
}

# The jar of the code before a change (set WANGGE_BASELINE_JAR): its first load into a database of
# its own, in the same run, before the jar under test
if [ -n "${WANGGE_BASELINE_JAR:-}" ]; then
  echo "== baseline jar: $WANGGE_BASELINE_JAR =="
  psql_ -d postgres -c "drop database if exists ${DB}_base" -c "create database ${DB}_base"
  start_service "$WANGGE_BASELINE_JAR" "${DB}_base" "$OUT/wangge-import-base.log"
  dry_first "baseline jar: "
  import_once "baseline jar: first load (empty district, direct path)"
  stop_service
  psql_ -d postgres -c "drop database ${DB}_base"
fi

echo "== Wangge import: ${WANGGE_JAR:-inventory-api/target/inventory-api-0.1.0-SNAPSHOT.jar} =="
start_service "${WANGGE_JAR:-inventory-api/target/inventory-api-0.1.0-SNAPSHOT.jar}" "$DB" "$OUT/wangge-import.log"
dry_first ""
import_once "first load (empty district, direct path)"
for i in $(seq "$RUNS"); do
  import_once "re-import $i (merge by code, nothing changed)"
done
echo "rows in component: $(psql_ -d "$DB" -c 'select count(*) from component')"

# Other formats of the same inventory, written by ogr2ogr, re-imported by code (set FORMATS=1)
if [ "${FORMATS:-0}" = 1 ]; then
  if [ ! -f "$OUT/wujiang/components-shp.zip" ]; then
    rm -rf "$OUT/wujiang/shp" && mkdir -p "$OUT/wujiang/shp"
    ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$OUT/wujiang/shp/components.shp" "$CSV" \
      -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -a_srs EPSG:4490
    (cd "$OUT/wujiang/shp" && zip -q -j ../components-shp.zip components.*)
    ogr2ogr -f GPKG "$OUT/wujiang/components.gpkg" "$CSV" \
      -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -a_srs EPSG:4490 -nln components
  fi
  import_once "re-import as Shapefile (zip)" "$OUT/wujiang/components-shp.zip" "fileName=components-shp.zip"
  import_once "re-import as GeoPackage" "$OUT/wujiang/components.gpkg" "fileName=components.gpkg"
fi

echo "== job logs (time after the upload's first byte; read+validate; write tail; snapshot) =="
grep -h "import .* of .*rows" "$OUT"/wangge-import*.log | sed -E 's/.*(import [0-9a-f-]+ of)/\1/' || true
