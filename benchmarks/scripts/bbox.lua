-- wrk script: component box queries at random places in 吴江区, each box about 330 m × 330 m
-- (about 1,000 components at Wujiang density). Usage:
--   WANGGE_AUTH=$(printf 'admin:PASSWORD' | base64) wrk -t2 -c50 -d30s --latency \
--     -s benchmarks/scripts/bbox.lua http://localhost:8080
math.randomseed(20261123)
local auth = os.getenv("WANGGE_AUTH")
local half = tonumber(os.getenv("WANGGE_HALF") or "0.0017")
request = function()
  local lon = 120.45 + math.random() * 0.45
  local lat = 30.85 + math.random() * 0.30
  local path = string.format("/api/components?bbox=%.6f,%.6f,%.6f,%.6f&size=2000",
    lon - half, lat - half, lon + half, lat + half)
  return wrk.format("GET", path, { ["Authorization"] = "Basic " .. auth })
end
