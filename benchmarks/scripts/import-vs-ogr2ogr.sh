#!/usr/bin/env bash
# Survey import of the Wujiang-scale component CSV (649,000 rows) end to end, against ogr2ogr
# loading the same CSV into the same PostgreSQL, measured in the same run.
#
# Needs: a PostgreSQL (default the machine's 127.0.0.1:5432, trust auth), gdal-bin (ogr2ogr),
# curl, and the built jars: ./mvnw -q -B -DskipTests package
# Usage: benchmarks/scripts/import-vs-ogr2ogr.sh [runs]
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
  t0=$(now)
  ogr2ogr -f PostgreSQL "PG:host=$PGHOST port=$PGPORT user=$PGUSER dbname=$DB" "$CSV" \
    -nln ogr.components -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -a_srs EPSG:4490 \
    --config PG_USE_COPY YES
  t1=$(now)
  echo "ogr2ogr run $i: $(echo "$t1 - $t0" | bc) s, rows $(psql_ -d "$DB" -c 'select count(*) from ogr.components')"
done

echo "== Wangge import =="
LOG="$OUT/wangge-import.log"
java ${WANGGE_JAVA_OPTS:-} -jar "${WANGGE_JAR:-inventory-api/target/inventory-api-0.1.0-SNAPSHOT.jar}" \
  --spring.r2dbc.url="r2dbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.r2dbc.username="$PGUSER" \
  --spring.r2dbc.password= --wangge.scale=wujiang --wangge.sample-components=false \
  --server.port="$PORT" > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 180); do grep -q "Wangge is ready" "$LOG" && break; sleep 1; done
PASS=$(grep -o "password '[^']*'" "$LOG" | cut -d"'" -f2)
AUTH="admin:$PASS"

import_once() {
  local label=$1
  local file=${2:-$CSV}
  local query=${3:-crs=CGCS2000&fileName=components.csv}
  local t0 t1 id status
  t0=$(now)
  id=$(curl -sf -u "$AUTH" -H 'Content-Type: application/octet-stream' --data-binary "@$file" \
    "http://localhost:$PORT/api/imports?$query" \
    | sed -E 's/.*"id":"([^"]+)".*/\1/')
  while :; do
    status=$(curl -sf -u "$AUTH" "http://localhost:$PORT/api/imports/$id" \
      | sed -E 's/.*"status":"([A-Z]+)".*/\1/')
    [ "$status" = SUCCEEDED ] || [ "$status" = FAILED ] && break
    sleep 0.05
  done
  t1=$(now)
  echo "$label: $(echo "$t1 - $t0" | bc) s, status $status, job: $(curl -sf -u "$AUTH" "http://localhost:$PORT/api/imports/$id" | tr -d '\n' | cut -c1-400)"
}

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
