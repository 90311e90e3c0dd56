#!/usr/bin/env bash
# Benchmark of issues 5 and 16 (not a test: it prints figures and fails only if it cannot measure).
#   1. engine: evaluations per second on one thread (tools/FamilyMutualAid.Benchmarks);
#   2. HTTP: every public page and API, as server CPU per request (utime+stime of the site's process from
#      /proc/<pid>/stat around each wrk run) and median latency, each against /css/site.css from the same Kestrel in
#      the same round, in two modes: fresh (a site started with FamilyMutualAid__CacheRenderedPages=false, so every
#      request renders) and repeated (the production site, output cache on); then cold start (process start to the
#      first region page) and the same pages on a site with 500 extra city regions (a temp copy of seeds/).
# Targets: engine above 100,000 evaluations/s; fresh within 2x the static file's CPU per request, repeated within
# 1.2x; cold start under 3 s; 500 extra regions change no page's cost by more than 1.2x.
#
# Usage: tools/benchmark.sh [--engine-only | --http-only | --cold-start | --scale-out]
# (--cold-start: only the cold start, about two minutes, for a machine that is quiet for that long)
# (--scale-out: one instance against two behind nginx with TLS on PostgreSQL; see tools/benchmark-scale-out.sh)
# Settings (environment): CONNECTIONS=16, WARMUP=2 (seconds per target), ROUNDS=3 of DURATION=2 seconds per target
# (about 15 minutes in all).
# The site runs in Release on 127.0.0.1 only, on a throw-away database, and is stopped on exit.
# Needs wrk and curl (Debian: apt-get install wrk curl; installed here if missing and run as root).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/tools/FamilyMutualAid.Benchmarks"
web="$root/src/FamilyMutualAid.Web"
connections="${CONNECTIONS:-16}"
rounds="${ROUNDS:-3}"
duration="${DURATION:-2}"
warmup="${WARMUP:-2}"
engine=yes http=yes cold_only=no
case "${1:-}" in
  --engine-only) http=no ;;
  --http-only) engine=no ;;
  --cold-start) engine=no cold_only=yes ;;
  --scale-out) exec "$root/tools/benchmark-scale-out.sh" ;;
  "") ;;
  *) echo "usage: tools/benchmark.sh [--engine-only | --http-only | --cold-start | --scale-out]" >&2; exit 2 ;;
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

tools=(wrk curl); [[ $cold_only == yes ]] && tools=(curl)
for tool in "${tools[@]}"; do
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
if [[ $cold_only == no ]]; then
  build_log="$(mktemp)"
  dotnet build -c Release "$web" -nologo >"$build_log" 2>&1 || { cat "$build_log" >&2; rm -f "$build_log"; exit 1; }
  rm -f "$build_log"
fi
dll="$web/bin/Release/net10.0/FamilyMutualAid.Web.dll"

free_port() {
  # A port nobody answers on; bash's /dev/tcp only connects, so nothing outside loopback is touched.
  local port
  for port in $(shuf -i 20000-60000 -n 20); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

work="$(mktemp -d)"
servers=()
stop() {
  for pid in "${servers[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

# Production: what users get. It redirects plain http to https, so every request says, as the TLS proxy
# would (loopback is a trusted proxy), that it came over https. Warning-level logs: no console line per request.
proxied="X-Forwarded-Proto: https"
started_pid="" started_base="" started_ms=""
start_site() { # start_site <name> <seeds dir> <extra env...>; sets started_pid, started_base, started_ms (to the first region page)
  local name="$1" seeds="$2"; shift 2
  local port; port="$(free_port)"
  mkdir -p "$work/$name"
  local t0; t0=$(date +%s%N)
  (
    cd "$web"
    exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_hostBuilder__reloadConfigOnChange=false \
      FamilyMutualAid__DataDirectory="$work/$name" FamilyMutualAid__SeedsDirectory="$seeds" \
      Serilog__MinimumLevel__Default=Warning "$@" dotnet "$dll" --urls "http://127.0.0.1:$port"
  ) >"$work/$name/server.log" 2>&1 &
  started_pid=$!
  servers+=("$started_pid")
  started_base="http://127.0.0.1:$port"
  for _ in $(seq 600); do
    curl -sf -H "$proxied" "$started_base/regions/shanghai" >/dev/null 2>&1 && break
    kill -0 "$started_pid" 2>/dev/null || { echo "the site stopped while starting:" >&2; cat "$work/$name/server.log" >&2; exit 1; }
    sleep 0.02
  done
  curl -sf -H "$proxied" "$started_base/regions/shanghai" >/dev/null || { echo "the site did not answer within 12 s:" >&2; cat "$work/$name/server.log" >&2; exit 1; }
  started_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
cold_start() { # publishes as deployed and sets cold_runs, restart_runs, published_cold_ms, published_restart_ms
  # Cold start as deployed: docs/deploying.md's `dotnet publish` with ReadyToRun (precompiled code, less JIT at start), empty database.
  publish_log="$(mktemp)"
  dotnet publish "$web" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/app" -nologo >"$publish_log" 2>&1 \
    || { cat "$publish_log" >&2; rm -f "$publish_log"; exit 1; }
  rm -f "$publish_log"
  dll="$work/app/FamilyMutualAid.Web.dll"
  cold_runs=() restart_runs=()
  importer_log="Serilog__MinimumLevel__Override__FamilyMutualAid.Web.Import.PolicyImporter=Information"
  for run in 1 2 3; do
    # An empty database (a first deploy: migrate, import everything, load), then a restart on it with the same files
    # (the import is skipped: the files are those it last imported).
    rm -rf "$work/published"
    start_site published "$root/seeds" FamilyMutualAid__ContentDirectory="$root/content"
    cold_runs+=("$started_ms")
    kill "$started_pid"; wait "$started_pid" 2>/dev/null || true
    start_site published "$root/seeds" FamilyMutualAid__ContentDirectory="$root/content" "$importer_log"
    restart_runs+=("$started_ms")
    grep -q "Import skipped" "$work/published/server.log" || echo "restart $run imported the files again (expected: skipped)" >&2
    kill "$started_pid"; wait "$started_pid" 2>/dev/null || true
  done
  published_cold_ms=$(median "${cold_runs[@]}")
  published_restart_ms=$(median "${restart_runs[@]}")
}
cold_verdict() { (( published_cold_ms < 3000 )) && echo met || echo "NOT met"; }

if [[ $cold_only == yes ]]; then
  cold_start
  echo "goal: cold start under 3 s: ${published_cold_ms} ms from process start to the first region page, published with ReadyToRun on an empty database ($(cold_verdict))"
  echo "      (median of 3: ${cold_runs[*]} ms; restarted on that database with unchanged files: ${published_restart_ms} ms, of ${restart_runs[*]})"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

result_query="sharer_place=310000&member_place=310000&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&amount=3000&member_insurance=resident&member_status=normal"
body="$bench/Http/eligibility-case.json"
fund_body="$bench/Http/fund-usage-case.json"
# label|path|body file (POST) or empty
targets=(
  "static|/css/site.css|"
  "home|/|"
  "regions|/regions|"
  "search|/regions?q=suzhou|"
  "region|/regions/shanghai|"
  "history|/regions/shanghai/history|"
  "binding|/regions/shanghai/binding|"
  "guide|/regions/shanghai/faq|"
  "place|/places/320500|"
  "compare|/compare?regions=national,shanghai,beijing,jiangsu|"
  "sources|/sources|"
  "check|/check|"
  "questions|/check/people|"
  "result|/check/result?$result_query|"
  "pay|/pay?region=fuzhou&venue=pharmacy&selfPay=1000&memberOwnBalance=0&sharerBalance=5000&sharedThisYear=0|"
  "api-docs|/api-docs|"
  "api-regions|/api/regions|"
  "api-places|/api/places?q=su|"
  "api-policy|/api/regions/shanghai/policy|"
  "api-check|/api/eligibility|$body"
  "api-pay|/api/fund-usage|$fund_body"
)
tck="$(getconf CLK_TCK)"
cpu_of() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
load() { # load <seconds> <url> <body file or empty> -> "bench: …" line
  BENCH_BODY_FILE="$3" wrk -t1 -c"$connections" -d"$1s" -H "$proxied" -s "$bench/Http/report.lua" "$2" | grep '^bench: '
}
# measure <pid> <url> <body> -> "<cpu µs per request> <median µs>"
measure() {
  local c0 c1 line
  c0=$(cpu_of "$1")
  line="$(load "$duration" "$2" "$3")" || { echo "wrk gave no figures for $2" >&2; exit 1; }
  c1=$(cpu_of "$1")
  read -r _ p50 _ _ _ requests _ <<<"$line"
  awk -v c=$((c1 - c0)) -v t="$tck" -v n="$requests" -v p="$p50" 'BEGIN { printf "%.0f %d", (n > 0 ? c / t * 1e6 / n : 0), p }'
}
fetch() { # fetch <base> <path> <body file or empty> <Accept-Encoding or empty> -> "<status> <bytes as sent>"
  local args=(-s -o /dev/null -w '%{http_code} %{size_download}' -H "$proxied")
  [[ -z $4 ]] || args+=(-H "Accept-Encoding: $4")
  [[ -z $3 ]] || args+=(-H "Content-Type: application/json" --data-binary "@$3")
  curl "${args[@]}" "$1$2"
}
check_targets() { # every target answers 200 (a redirect or an error would be measured as if it were the page)
  local base="$1" entry label path file answer
  for entry in "${targets[@]}"; do
    IFS='|' read -r label path file <<<"$entry"
    answer="$(fetch "$base" "$path" "$file" "")"
    [[ ${answer%% *} == 200 ]] || { echo "$label ($path) answered ${answer%% *}, not 200" >&2; exit 1; }
    size[$label]="${answer#* }"
    # What a browser is sent (curl without --compressed counts the bytes as they travel).
    answer="$(fetch "$base" "$path" "$file" "br")"; size_br[$label]="${answer#* }"
    answer="$(fetch "$base" "$path" "$file" "gzip")"; size_gz[$label]="${answer#* }"
  done
}
declare -A size size_br size_gz cpu ratio latency growth
# run_mode <mode> <pid> <base> [<pid> <base> of the 500-region site]: each round loads, for every target, the static
# file and then the target, so that each page's ratio compares it with the static file measured just before it; with
# a second site, the same target on it right after, so the 500-region figure compares two runs seconds apart.
run_mode() {
  local mode="$1" pid="$2" base="$3" many_pid="${4:-}" many_base="${5:-}" entry label path file round s1 v m p
  for entry in "${targets[@]}"; do
    IFS='|' read -r label path file <<<"$entry"
    load "$warmup" "$base$path" "$file" >/dev/null
    [[ -z $many_pid ]] || load "$warmup" "$many_base$path" "$file" >/dev/null
  done
  for round in $(seq "$rounds"); do
    for entry in "${targets[@]:1}"; do
      IFS='|' read -r label path file <<<"$entry"
      read -r s1 _ <<<"$(measure "$pid" "$base/css/site.css" "")"
      read -r v p <<<"$(measure "$pid" "$base$path" "$file")"
      cpu[$mode,$label,$round]=$v
      latency[$mode,$label,$round]=$p
      ratio[$mode,$label,$round]=$(awk -v v="$v" -v s="$s1" 'BEGIN { printf "%.2f", v / s }')
      cpu[$mode,static,$round]="${cpu[$mode,static,$round]:-} $s1"
      if [[ -n $many_pid ]]; then
        read -r m p <<<"$(measure "$many_pid" "$many_base$path" "$file")"
        cpu[many,$label,$round]=$m
        latency[many,$label,$round]=$p
        ratio[many,$label,$round]=$(awk -v v="$m" -v s="$s1" 'BEGIN { printf "%.2f", v / s }')
        growth[$label,$round]=$(awk -v m="$m" -v v="$v" 'BEGIN { printf "%.2f", m / v }')
      fi
    done
  done
}
figures() { # figures <mode> <label> -> "<median cpu> <median ratio> <ratio range> <median latency ms>"
  local values=() ratios=() lat=() round
  for round in $(seq "$rounds"); do
    values+=("${cpu[$1,$2,$round]}"); ratios+=("${ratio[$1,$2,$round]}"); lat+=("${latency[$1,$2,$round]}")
  done
  local sorted; sorted="$(printf '%s\n' "${ratios[@]}" | sort -g | tr '\n' ' ')"
  echo "$(median "${values[@]}") $(median "${ratios[@]}") $(echo "$sorted" | awk '{ print $1 "–" $NF }') $(awk -v us="$(median "${lat[@]}")" 'BEGIN { printf "%.2f", us / 1000 }')"
}

echo "load: wrk, 1 thread, $connections keep-alive connections; per target ${warmup} s warm-up, then $rounds rounds of"
echo "      ${duration} s, each just after a ${duration} s run of the static file; CPU per request = the site's utime+stime / requests"

# 500 extra city regions spread over the provinces, in a copy of seeds/ (never seeds/ itself).
cp -r "$root/seeds" "$work/seeds-500"
provinces=($(awk '/level: province/ { sub(":", "", $1); print $1 }' "$root/seeds/regions.yaml"))
{
  echo
  for i in $(seq 1 500); do
    printf 'benchmark-city-%03d: { name: 基准测试市%03d, level: city, parent: %s }\n' "$i" "$i" "${provinces[$(( i % ${#provinces[@]} ))]}"
  done
} >>"$work/seeds-500/regions.yaml"
start_site many "$work/seeds-500" FamilyMutualAid__CacheRenderedPages=false
many_pid=$started_pid many_base=$started_base many_cold_ms=$started_ms
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "$proxied" "$many_base/regions/benchmark-city-500") == 200 ]] \
  || { echo "the 500 extra regions were not imported:" >&2; tail -20 "$work/many/server.log" >&2; exit 1; }
declare -A size_many
for label in "${!size[@]}"; do size_many[$label]=${size[$label]}; done
saved_sizes="$(declare -p size)"
check_targets "$many_base"
for label in "${!size[@]}"; do size_many[$label]=${size[$label]}; done
eval "$saved_sizes"

start_site fresh "$root/seeds" FamilyMutualAid__CacheRenderedPages=false
fresh_pid=$started_pid fresh_base=$started_base cold_ms=$started_ms
check_targets "$fresh_base"
run_mode fresh "$fresh_pid" "$fresh_base" "$many_pid" "$many_base"
kill "$fresh_pid"; wait "$fresh_pid" 2>/dev/null || true
kill "$many_pid"; wait "$many_pid" 2>/dev/null || true

start_site repeated "$root/seeds"
repeated_pid=$started_pid repeated_base=$started_base
run_mode repeated "$repeated_pid" "$repeated_base"
kill "$repeated_pid"; wait "$repeated_pid" 2>/dev/null || true

cold_start

echo
echo "median of $rounds rounds; x = CPU per request / the static file's in the same round (range over the rounds);"
echo "500/1 = CPU per request on the 500-region site / on the fresh site, measured right after it in the same round;"
echo "bytes as sent: plain (what wrk loads), with Accept-Encoding br and gzip (what browsers are sent)"
printf '%-12s %8s %7s %7s | %8s %6s %11s %8s | %8s %6s %11s | %8s %6s %7s\n' target bytes br gzip "fresh µs" x range p50-ms "repeat µs" x range "500reg µs" x "500/1"
fresh_ok=yes repeat_ok=yes many_ok=yes small_ok=yes
for entry in "${targets[@]:1}"; do
  IFS='|' read -r label path file <<<"$entry"
  read -r fc fr frange fl <<<"$(figures fresh "$label")"
  read -r rc rr rrange _ <<<"$(figures repeated "$label")"
  read -r mc mr _ _ <<<"$(figures many "$label")"
  pairs=(); for round in $(seq "$rounds"); do pairs+=("${growth[$label,$round]}"); done
  growth=$(median "${pairs[@]}")
  awk -v r="$fr" 'BEGIN { exit !(r > 2) }' && { fresh_ok=no; fr="$fr!"; }
  awk -v r="$rr" 'BEGIN { exit !(r > 1.2) }' && { repeat_ok=no; rr="$rr!"; }
  awk -v g="$growth" 'BEGIN { exit !(g > 1.2) }' && { many_ok=no; growth="$growth!"; }
  br="${size_br[$label]}"
  [[ $label == api-* ]] || (( br <= 15000 )) || { small_ok=no; br="$br!"; }
  printf '%-12s %8s %7s %7s | %8s %6s %11s %8s | %8s %6s %11s | %8s %6s %7s\n' "$label" "${size[$label]}" "$br" "${size_gz[$label]}" "$fc" "$fr" "$frange" "$fl" "$rc" "$rr" "$rrange" "$mc" "$mr" "$growth"
done
static_fresh="$(median ${cpu[fresh,static,1]})"
echo "static file: ${size[static]} bytes (br ${size_br[static]}, gzip ${size_gz[static]}), about $static_fresh µs of CPU per request (fresh site)"
verdict() { [[ $1 == yes ]] && echo met || echo "NOT met (marked !)"; }
echo "goal: every page's HTML 15 kB or less as sent (br): $(verdict $small_ok)"
echo "goal: fresh within 2x the static file:            $(verdict $fresh_ok)"
echo "goal: repeated within 1.2x the static file:       $(verdict $repeat_ok)"
echo "goal: 500 extra regions change no page over 1.2x: $(verdict $many_ok)"
echo "goal: cold start under 3 s: ${published_cold_ms} ms from process start to the first region page, published with ReadyToRun on an empty database ($(cold_verdict))"
echo "      (median of 3: ${cold_runs[*]} ms; restarted on that database with unchanged files: ${published_restart_ms} ms, of ${restart_runs[*]};"
echo "      the build output on an empty database: ${cold_ms} ms; with 500 extra regions ${many_cold_ms} ms)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
