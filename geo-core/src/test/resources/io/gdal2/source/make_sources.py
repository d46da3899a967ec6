#!/usr/bin/env python3
"""Writes the hand-built sources that ogr2ogr converts into the fixtures (see ../README.md)."""
import csv
import json

NAMES = ["上水井盖", "污水井盖", "雨水井盖", "路灯", "消防栓", "监控电子眼", "垃圾箱", "公交站亭",
         "交通信号灯", "电力井盖"]
DEPTS = [("320509001", "吴江区城市管理局"), ("320509002", "吴江区水务局"),
         ("320509003", "吴江区住房和城乡建设局"), ("320509004", "国网苏州市吴江区供电公司")]
STATES = ["完好", "破损", "丢失", "占用"]

with open("components.csv", "w", encoding="utf-8", newline="\n") as f, \
        open("components.csvt", "w", encoding="utf-8") as t:
    cols = ["ObjID", "ObjName", "DeptCode1", "DeptName1", "DeptCode2", "DeptName2", "DeptCode3",
            "DeptName3", "BGID", "ObjState", "ORDate", "CHDate", "DataSource", "Note", "lon", "lat"]
    w = csv.writer(f, lineterminator="\n")
    w.writerow(cols)
    t.write(",".join(['"String"'] * 10 + ['"Date"', '"Date"', '"String"', '"String"', '"Real"',
                      '"Real"']) + "\n")
    for i in range(20):
        d1, d2, d3 = DEPTS[i % 4], DEPTS[(i + 1) % 4], DEPTS[(i + 2) % 4]
        lon = round(120.4 + i * 0.0291357 + 0.0000123, 7)
        lat = round(30.8 + (i * 7 % 20) * 0.0197531 + 0.0000456, 7)
        note = "" if i % 5 == 0 else "松陵街道第%d号, 近%s" % (i + 1, NAMES[(i + 3) % 10])
        row = ["32050901%02d%06d" % (i % 10 + 1, i + 1), NAMES[i % 10], d1[0], d1[1], d2[0],
               d2[1], d3[0], d3[1], "3205090010010%02d" % (i % 12 + 1), STATES[i % 4],
               "2023-%02d-%02d" % (i % 12 + 1, i % 28 + 1), "2024-%02d-%02d" % (i % 12 + 1, 3),
               "吴江区部件普查", note, "%.7f" % lon, "%.7f" % lat]
        w.writerow(row)


def square(x, y, size):
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


# EPSG:4549 (CGCS2000 / 3-degree Gauss-Kruger CM 120E): easting, northing in metres.
X0, Y0 = 548000.25, 3427000.75
features = []
for i in range(4):
    x, y = X0 + i * 500, Y0
    rings = [square(x, y, 500)]
    if i == 1:  # a courtyard: the grid has a hole
        hole = square(x + 150.5, y + 150.5, 100)
        rings.append(list(reversed(hole)))
    features.append({"type": "Feature", "properties": {
        "BGID": "3205090010010%02d" % (i + 1), "BGName": "松陵街道第%d网格" % (i + 1),
        "Area": 250000.0 - (10000.0 if i == 1 else 0.0) + 0.5, "SeqNo": i + 1,
        "Active": i != 2},
        "geometry": {"type": "Polygon", "coordinates": rings}})
# an island grid: two parts
features.append({"type": "Feature", "properties": {
    "BGID": "320509001001005", "BGName": "太湖岛屿网格", "Area": 80000.25, "SeqNo": 5,
    "Active": True},
    "geometry": {"type": "MultiPolygon", "coordinates": [
        [square(X0, Y0 + 1000, 200)], [square(X0 + 400, Y0 + 1000, 200)]]}})
with open("grids_4549.geojson", "w", encoding="utf-8") as f:
    json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False, indent=1)
