"""Writes the hand-made source data the io fixtures are converted from (see ../README.md).

Deterministic: no randomness, so re-running gives byte-identical sources.
"""
import json

CLASSES = [
    ("0101", "上水井盖", "吴江区水务局"),
    ("0102", "污水井盖", "吴江区水务局"),
    ("0105", "电力井盖", "国网苏州市吴江区供电公司"),
    ("0118", "路灯", "吴江区城市管理局"),
    ("0305", "垃圾箱", "吴江区环境卫生管理处"),
]
STATES = ["完好", "破损", "丢失", "完好", "废弃"]

features = []
for i in range(20):
    code, name, dept = CLASSES[i % 5]
    lon = round(120.45 + 0.027 * i, 7)
    lat = round(30.85 + 0.017 * i + (0.003 if i % 2 else 0.0), 7)
    props = {
        "ObjID": "320509" + code + "%06d" % (i + 1),
        "ObjName": name,
        "DeptCode1": "3205090%02d" % (i % 5 + 1),
        "DeptName1": dept,
        "DeptCode2": "320509100",
        "DeptName2": "吴江区住房和城乡建设局",
        "DeptCode3": "",
        "DeptName3": "松陵街道养护队" if i % 3 == 0 else "",
        "BGID": "320509001%03d%03d" % (i // 4 + 1, i % 4 + 1),
        "ObjState": STATES[i % 5],
        "ORDate": "2019-%02d-%02d" % (i % 12 + 1, i + 1),
        "CHDate": "2023-06-%02d" % (i + 1) if i % 4 == 0 else None,
        "DataSource": "实测",
        "Note": "第%d号，“鲈乡”路" % (i + 1) if i % 7 == 0 else "",
        "Seq": i + 1,
        "Height": round(0.5 + i * 0.25, 2),
    }
    features.append(
        {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [lon, lat]}}
    )

with open("components-4490.geojson", "w", encoding="utf-8") as f:
    json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False, indent=1)
