-- Shared by every scenario: adds the bearer token and prints one machine-readable summary line.
local token = os.getenv("TOKEN") or ""

function authorize(headers)
  headers["Authorization"] = "Bearer " .. token
  return headers
end

function report(summary, latency)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f requests=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors))
end
