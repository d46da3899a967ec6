#!/bin/sh
# Rebuilds every fixture in this folder from source/ with GDAL's ogr2ogr (3.6.2 was used).
# Run from this folder: sh build.sh
set -eu
export OGR_SQLITE_SYNCHRONOUS=OFF
rm -rf *.gpkg *.fgb *.geojson expected
mkdir -p expected
(cd source && python3 make_sources.py)

CSV_IN="-oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=NO -oo EMPTY_STRING_AS_NULL=YES"

# GeoPackage: ~20 component points, CGCS2000 lon/lat.
ogr2ogr -f GPKG components_4490.gpkg source/components.csv $CSV_IN -a_srs EPSG:4490 -nln components
# GeoPackage: grid polygons (one with a hole, one multipolygon), CGCS2000 3-degree GK CM 120E.
ogr2ogr -f GPKG grids_4549.gpkg source/grids_4549.geojson -a_srs EPSG:4549 -nln grids
# GeoPackage with two layers, created points first, then grids.
ogr2ogr -f GPKG two_layers.gpkg source/components.csv $CSV_IN -a_srs EPSG:4490 -nln survey_points
ogr2ogr -update -f GPKG two_layers.gpkg source/grids_4549.geojson -a_srs EPSG:4549 -nln grid_cells

# FlatGeobuf of the same points and polygons.
ogr2ogr -f FlatGeobuf components_4490.fgb components_4490.gpkg
ogr2ogr -f FlatGeobuf grids_4549.fgb grids_4549.gpkg

# GeoJSON, RFC 7946 (WGS 84 lon/lat, no crs member, 7 decimals).
ogr2ogr -f GeoJSON -lco RFC7946=YES components_rfc7946.geojson components_4490.gpkg
ogr2ogr -f GeoJSON -lco RFC7946=YES grids_rfc7946.geojson grids_4549.gpkg
# GeoJSON 2008 with the legacy crs member (urn:ogc:def:crs:EPSG::4549).
ogr2ogr -f GeoJSON grids_4549_legacy_crs.geojson grids_4549.gpkg

# Broken files.
head -c 8192 components_4490.gpkg > broken_truncated.gpkg
cp source/not_a_geopackage.txt broken_text_renamed.gpkg
head -c 1500 components_rfc7946.geojson > broken_malformed.geojson
# one feature (the 3rd) whose Point has a string coordinate
sed '/3205090103000003/s/"coordinates": \[ \([0-9.]*\),/"coordinates": [ "\1",/' \
  components_rfc7946.geojson > broken_geometry_row3.geojson

# What GDAL itself reads back from each fixture: the oracle the tests compare against.
for f in components_4490.gpkg grids_4549.gpkg components_4490.fgb grids_4549.fgb \
    components_rfc7946.geojson grids_rfc7946.geojson grids_4549_legacy_crs.geojson; do
  ogr2ogr -f CSV "expected/${f}.csv" "$f" -lco GEOMETRY=AS_WKT -lco SEPARATOR=TAB \
    -lco STRING_QUOTING=IF_NEEDED -lco LINEFORMAT=LF
done
for l in survey_points grid_cells; do
  ogr2ogr -f CSV "expected/two_layers.gpkg.${l}.csv" two_layers.gpkg "$l" -lco GEOMETRY=AS_WKT \
    -lco SEPARATOR=TAB -lco STRING_QUOTING=IF_NEEDED -lco LINEFORMAT=LF
done
