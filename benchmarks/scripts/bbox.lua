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
-- wrk's --latency table has no p95: print the percentiles the targets name
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p95 %.2f ms, p99 %.2f ms, mean %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000))
end
