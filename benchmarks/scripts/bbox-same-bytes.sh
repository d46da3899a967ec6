#!/usr/bin/env bash
# Records what a running service answers to a fixed set of component queries (status, headers,
# body), one file per query, so that two builds can be compared with `diff -r`. Usage:
#   WANGGE_AUTH=$(printf 'admin:PASSWORD' | base64) benchmarks/scripts/bbox-same-bytes.sh http://localhost:18120 OUT_DIR
# Headers that change per request (date, request ids) and the header names' case are normalised.
set -euo pipefail
base=$1 out=$2
mkdir -p "$out"
n=0
ask() { # ask NAME CURL-ARGS...
  local name=$1; shift
  n=$((n + 1))
  local f; f=$(printf '%s/%03d-%s' "$out" "$n" "$name")
  curl -s -D "$f.headers" -o "$f.body" "$@"
  sed -e 's/\r$//' "$f.headers" | awk -F': ' 'NF>1{print tolower($1)": "$2; next}{print}' \
    | grep -v -i '^date: ' | sort > "$f.h" && mv "$f.h" "$f.headers"
  # Spring Boot's error bodies carry a timestamp and a request id
  sed -i -E 's/"timestamp":"[^"]*"/"timestamp":"T"/; s/"requestId":"[^"]*"/"requestId":"R"/' "$f.body"
}
auth=(-H "Authorization: Basic $WANGGE_AUTH")
q="$base/api/components"
# random boxes of four sizes (fixed seed), with pages and sizes
awk 'BEGIN{srand(20261124); for(i=0;i<48;i++){h=(i%4==0)?0.0005:(i%4==1)?0.003:(i%4==2)?0.0065:0.02;
  lon=120.45+rand()*0.45; lat=30.85+rand()*0.30; s=(i%3==0)?2000:(i%3==1)?1:10000; p=(i%5==0)?1:0;
  printf "bbox=%.6f,%.6f,%.6f,%.6f&size=%d&page=%d\n", lon-h, lat-h, lon+h, lat+h, s, p}}' > "$out/boxes.txt"
while read -r box; do ask box "${auth[@]}" "$q?$box"; done < "$out/boxes.txt"
b=120.62,31.12,120.67,31.16
for extra in "" "&class=0101" "&class=02&state=INTACT" "&state=DAMAGED" "&state=%E7%A0%B4%E6%8D%9F" \
    "&unit=U-320509-DRAIN" "&grid=320509" "&size=300&page=1" "&size=8192&page=524288" "&page=3&size=7"; do
  ask filter "${auth[@]}" "$q?bbox=$b$extra"
done
ask class-only "${auth[@]}" "$q?class=0101&size=50"
ask unit-only "${auth[@]}" "$q?unit=U-320509-DRAIN&size=50&page=2"
ask empty-box "${auth[@]}" "$q?bbox=1,1,2,2"
# the 400s: each names its field
for bad in "" "bbox=1,2,3" "bbox=a,b,c,d" "bbox=3,3,2,2" "bbox=-200,0,0,1" "bbox=$b&size=0" \
    "bbox=$b&size=10001" "bbox=$b&size=abc" "bbox=$b&page=-1" "bbox=$b&state=FOO" \
    "bbox=$b&size=5&size=6" "bbox=$b&bbox=$b" "state=INTACT"; do
  ask bad "${auth[@]}" "$q?$bad"
done
# content negotiation
for accept in "*/*" "application/json" "application/json;q=0.9" "application/*" \
    "text/html,application/json;q=0.8" "text/html" "application/xml" "application/problem+json"; do
  ask accept "${auth[@]}" -H "Accept: $accept" "$q?bbox=$b&size=3"
done
ask accept-bad-400 "${auth[@]}" -H "Accept: text/html" "$q?bbox=$b&size=0"
ask head "${auth[@]}" -I "$q?bbox=$b&size=3"
ask trailing-slash "${auth[@]}" "$q/?bbox=$b&size=3"
# security
ask no-login "$q?bbox=$b"
ask wrong-password -H "Authorization: Basic $(printf 'admin:wrong' | base64)" "$q?bbox=$b"
ask no-login-bad "$q?size=0"
ask post-no-login -X POST -H 'Content-Type: application/json' -d '{}' "$q"
ask post-empty "${auth[@]}" -X POST -H 'Content-Type: application/json' -d '{}' "$q"
ask logout-no-login -X POST "$base/logout"
ask logout "${auth[@]}" -X POST "$base/logout"
ask units "${auth[@]}" "$base/api/units"
ask health "$base/health"
ask nearest "${auth[@]}" "$q/nearest?lon=120.645&lat=31.138&k=5"
# sed reads to the end: head would close the pipe early and pipefail would stop the script
code=$(grep -o '"id":"[0-9]*"' "$out/049-filter.body" | sed -n '1s/.*:"\(.*\)"/\1/p')
ask card "${auth[@]}" "$q/$code"
echo "$n queries recorded in $out"
