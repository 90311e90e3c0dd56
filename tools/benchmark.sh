#!/usr/bin/env bash
# Benchmark of issue 5 (not a test: it prints figures and fails only if it cannot measure).
#   1. engine: evaluations per second on one thread (tools/FamilyMutualAid.Benchmarks);
#   2. HTTP: median, p95 and requests/s of POST /api/eligibility and of the check's result page under
#      concurrent load, against a static file served by the same app as the baseline.
# Targets: engine above 100,000 evaluations/s; result page within 3x the static file's median latency.
#
# Usage: tools/benchmark.sh [--engine-only | --http-only | --scale-out]
# (--scale-out: one instance against two behind nginx with TLS on PostgreSQL; see tools/benchmark-scale-out.sh)
# Settings (environment): CONNECTIONS=16, WARMUP=15 (seconds per target; the result page needs about that
# long under load to reach its optimised code), ROUNDS=3 of DURATION=5 seconds per target, PORT=(a free one).
# The site runs in Release on 127.0.0.1 only, on a throw-away database, and is stopped on exit.
# Needs wrk and curl (Debian: apt-get install wrk curl; installed here if missing and run as root).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/tools/FamilyMutualAid.Benchmarks"
web="$root/src/FamilyMutualAid.Web"
connections="${CONNECTIONS:-16}"
rounds="${ROUNDS:-3}"
duration="${DURATION:-5}"
warmup="${WARMUP:-15}"
engine=yes http=yes
case "${1:-}" in
  --engine-only) http=no ;;
  --http-only) engine=no ;;
  --scale-out) exec "$root/tools/benchmark-scale-out.sh" ;;
  "") ;;
  *) echo "usage: tools/benchmark.sh [--engine-only | --http-only | --scale-out]" >&2; exit 2 ;;
esac

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "machine: $(nproc) cores (${cpu:-unknown CPU}), $(uname -sr); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(the server, the load generator and anything else running share these cores: close other builds and tests for steady figures)"

if [[ $engine == yes ]]; then
  echo
  echo "== engine"
  dotnet run -c Release --project "$bench"
fi
[[ $http == yes ]] || exit 0

for tool in wrk curl; do
  if ! command -v "$tool" >/dev/null; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
      echo "installing $tool (apt-get install -y $tool)"
      apt-get install -y "$tool" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$tool" >/dev/null; }
    else
      echo "$tool is needed: sudo apt-get install $tool" >&2
      exit 1
    fi
  fi
done

echo
echo "== HTTP"
build_log="$(mktemp)"
dotnet build -c Release "$web" -nologo >"$build_log" 2>&1 || { cat "$build_log" >&2; rm -f "$build_log"; exit 1; }
rm -f "$build_log"
dll="$web/bin/Release/net10.0/FamilyMutualAid.Web.dll"

if [[ -z ${PORT:-} ]]; then
  # A port nobody answers on; bash's /dev/tcp only connects, so nothing outside loopback is touched.
  for PORT in $(shuf -i 20000-60000 -n 20); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || break
  done
fi
base="http://127.0.0.1:$PORT"

data="$(mktemp -d)"
server=""
stop() {
  if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap stop EXIT
trap 'exit 130' INT TERM

# Production: what users get. It redirects plain http to https, so every request says, as the TLS proxy
# would (loopback is a trusted proxy), that it came over https. Warning-level logs: no console line per request.
(
  cd "$web"
  ASPNETCORE_ENVIRONMENT=Production \
  FamilyMutualAid__DataDirectory="$data" \
  Serilog__MinimumLevel__Default=Warning \
  exec dotnet "$dll" --urls "$base"
) >"$data/server.log" 2>&1 &
server=$!

for _ in $(seq 120); do
  curl -sf "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "the site stopped while starting:" >&2; cat "$data/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$base/healthz" >/dev/null || { echo "the site did not answer /healthz within 60 s:" >&2; cat "$data/server.log" >&2; exit 1; }

body="$bench/Http/eligibility-case.json"
result_query="sharer_place=310000&member_place=310000&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&amount=3000&member_insurance=resident&member_status=normal"
names=(static result api)
labels=("GET /css/site.css (baseline)" "GET /check/result (Shanghai)" "POST /api/eligibility")
urls=("$base/css/site.css" "$base/check/result?$result_query" "$base/api/eligibility")
bodies=("" "" "$body")
proxied="X-Forwarded-Proto: https"

# Each target must answer 200 (a redirect or an error would be measured as if it were the page).
for i in "${!names[@]}"; do
  if [[ -n ${bodies[$i]} ]]; then
    check=(-H "$proxied" -H "Content-Type: application/json" --data-binary "@${bodies[$i]}")
  else
    check=(-H "$proxied")
  fi
  answer="$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "${check[@]}" "${urls[$i]}")"
  [[ ${answer%% *} == 200 ]] || { echo "${labels[$i]} answered ${answer%% *}, not 200" >&2; exit 1; }
  sizes[i]="${answer#* }"
done

load() { # load <seconds> <url> <body file or empty>
  BENCH_BODY_FILE="$3" wrk -t1 -c"$connections" -d"$1s" -H "$proxied" -s "$bench/Http/report.lua" "$2"
}

echo "load: wrk, 1 thread, $connections connections, keep-alive, to $base; ${warmup} s warm-up per target, then"
echo "      $rounds rounds of ${duration} s per target, taken in turn so that a busy moment does not hit one target only"
echo "result page: /check/result?$result_query"
for i in "${!names[@]}"; do load "$warmup" "${urls[$i]}" "${bodies[$i]}" >/dev/null; done

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
declare -A figure  # figure[<target>,<round>,<p50|p95|p99|rate|errors>]
ratios=()
for round in $(seq "$rounds"); do
  for i in "${!names[@]}"; do
    line="$(load "$duration" "${urls[$i]}" "${bodies[$i]}" | grep '^bench: ')" \
      || { echo "wrk gave no figures for ${labels[$i]}" >&2; exit 1; }
    read -r _ p50 p95 p99 rate _ errors <<<"$line"
    for key in p50 p95 p99 rate errors; do figure[$i,$round,$key]=${!key}; done
  done
  ratios+=("$(awk -v r="${figure[1,$round,p50]}" -v s="${figure[0,$round,p50]}" 'BEGIN { printf "%.2f", r / s }')")
  echo "round $round: medians $(ms "${figure[0,$round,p50]}") / $(ms "${figure[1,$round,p50]}") / $(ms "${figure[2,$round,p50]}") ms (static / result / API), result/static ${ratios[-1]}x"
done

echo
echo "median of the $rounds rounds:"
printf '%-30s %8s %10s %10s %10s %12s %8s\n' target bytes median p95 p99 requests/s errors
for i in "${!names[@]}"; do
  declare -A of=()
  for key in p50 p95 p99 rate errors; do
    values=()
    for round in $(seq "$rounds"); do values+=("${figure[$i,$round,$key]}"); done
    of[$key]="$(median "${values[@]}")"
    [[ $key == errors ]] && of[$key]="$(printf '%s\n' "${values[@]}" | awk '{ n += $1 } END { print n }')"
  done
  medians[i]=${of[p50]}
  printf '%-30s %8s %7s ms %7s ms %7s ms %12s %8s\n' "${labels[$i]}" "${sizes[$i]}" \
    "$(ms "${of[p50]}")" "$(ms "${of[p95]}")" "$(ms "${of[p99]}")" "${of[rate]}" "${of[errors]}"
done

ratio="$(median "${ratios[@]}")"
api_ratio="$(awk -v a="${medians[2]}" -v s="${medians[0]}" 'BEGIN { printf "%.2f", a / s }')"
verdict="$(awk -v r="$ratio" 'BEGIN { print (r <= 3) ? "met" : "NOT met" }')"
echo "result page median / static file median: ${ratio}x (median of the rounds' ratios; target: within 3x): $verdict"
echo "API median / static file median: ${api_ratio}x (no target)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
