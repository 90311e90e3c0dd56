-- wrk script for tools/benchmark.sh. With BENCH_BODY_FILE set, every request is a JSON POST of that
-- file; otherwise wrk's plain GET. At the end prints one machine-readable line the script parses:
-- "bench: <median µs> <p95 µs> <p99 µs> <requests/s> <requests> <errors>".
local body_file = os.getenv("BENCH_BODY_FILE")
if body_file and body_file ~= "" then
  local file = assert(io.open(body_file, "rb"))
  wrk.method = "POST"
  wrk.body = file:read("*a")
  wrk.headers["Content-Type"] = "application/json"
  file:close()
end

function done(summary, latency, requests)
  local e = summary.errors
  -- status counts answers >= 400; the script checks each target answers 200 before loading it.
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("bench: %d %d %d %.0f %d %d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests / (summary.duration / 1e6), summary.requests, errors))
end
