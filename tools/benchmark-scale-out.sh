#!/usr/bin/env bash
# tools/benchmark.sh --scale-out: the deployment of deploy/ (nginx with TLS in front, PostgreSQL behind), with
# one instance and with two, in the same run: requests/s and p99 of the region page and POST /api/eligibility.
# Not a test: it prints figures. Settings (environment): CONNECTIONS=32, WARMUP=10, ROUNDS=3, DURATION=5.
# Needs wrk, curl, nginx, openssl and PostgreSQL's server programs (Debian: apt-get install wrk curl nginx
# openssl postgresql; installed here if missing and run as root). Everything runs on 127.0.0.1 and is removed on exit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/tools/FamilyMutualAid.Benchmarks"
web="$root/src/FamilyMutualAid.Web"
connections="${CONNECTIONS:-32}"
rounds="${ROUNDS:-3}"
duration="${DURATION:-5}"
warmup="${WARMUP:-10}"

need() { # need <command> <debian package>
  command -v "$1" >/dev/null && return
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "installing $2 (apt-get install -y $2)"
    apt-get install -y "$2" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
  else
    echo "$1 is needed: sudo apt-get install $2" >&2
    exit 1
  fi
}
need wrk wrk; need curl curl; need openssl openssl
[[ -x /usr/sbin/nginx ]] || need nginx nginx
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need /usr/lib/postgresql/15/bin/initdb postgresql
nginx=/usr/sbin/nginx
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

free_port() { # a port nobody answers on (bash's /dev/tcp only connects)
  local port
  for port in $(shuf -i 20000-60000 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  return 1
}
# PostgreSQL refuses to run as root: then its programs run as the postgres user of Debian's package.
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "machine: $(nproc) cores (${cpu:-unknown CPU}), $(uname -sr); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(nginx, PostgreSQL, the instances and wrk all share these cores)"

build_log="$(mktemp)"
dotnet build -c Release "$web" -nologo >"$build_log" 2>&1 || { cat "$build_log" >&2; rm -f "$build_log"; exit 1; }
rm -f "$build_log"
dll="$web/bin/Release/net10.0/FamilyMutualAid.Web.dll"

work="$(mktemp -d)"
chmod 755 "$work"
pids=()
nginx_prefixes=()
stop() {
  for prefix in "${nginx_prefixes[@]}"; do "$nginx" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" -s stop 2>/dev/null || true; done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -d $work/pg/data ]] && as_pg "$pgbin/pg_ctl" stop -m fast -D "$work/pg/data" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

echo "starting PostgreSQL (a throw-away cluster), two instances and nginx..."
mkdir -p "$work/pg"
[[ $(id -u) == 0 ]] && chown postgres: "$work/pg"
as_pg "$pgbin/initdb" -D "$work/pg/data" -U fma --auth=trust -E UTF8 --locale=C >/dev/null
pgport="$(free_port)"
as_pg "$pgbin/pg_ctl" start -w -D "$work/pg/data" -l "$work/pg/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $pgport -c unix_socket_directories=$work/pg -c max_connections=300" >/dev/null
as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U fma familymutualaid

ports=()
for n in 1 2; do
  port="$(free_port)"
  ports+=("$port")
  (
    cd "$web"
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_hostBuilder__reloadConfigOnChange=false \
    FamilyMutualAid__DatabaseProvider=PostgreSql \
    ConnectionStrings__FamilyMutualAid="Host=127.0.0.1;Port=$pgport;Username=fma;Database=familymutualaid;Maximum Pool Size=100" \
    FamilyMutualAid__DataDirectory="$work/data$n" \
    Serilog__MinimumLevel__Default=Warning \
    exec dotnet "$dll" --urls "http://127.0.0.1:$port"
  ) >"$work/instance$n.log" 2>&1 &
  pids+=($!)
done
for n in 0 1; do
  for _ in $(seq 240); do
    curl -sf "http://127.0.0.1:${ports[$n]}/healthz/ready" >/dev/null 2>&1 && break
    kill -0 "${pids[$n]}" 2>/dev/null || { echo "instance $((n + 1)) stopped while starting:" >&2; cat "$work/instance$((n + 1)).log" >&2; exit 1; }
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:${ports[$n]}/healthz/ready" >/dev/null || { echo "instance $((n + 1)) not ready:" >&2; cat "$work/instance$((n + 1)).log" >&2; exit 1; }
done

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

proxy() { # proxy <name> <instance port>...: nginx with deploy/nginx/familymutualaid.conf in front of the given instances; sets proxy_port
  local name="$1"; shift
  local prefix="$work/nginx-$name" https_port http_port upstreams="" port
  mkdir -p "$prefix"
  https_port="$(free_port)"; http_port="$(free_port)"
  for port in "$@"; do upstreams+="    server 127.0.0.1:$port;\n"; done
  # The production site file, with test ports, paths and certificate put in (as the end-to-end tests do).
  sed -e "/    server 127.0.0.1:5002;/d" -e "s|    server 127.0.0.1:5001;|$upstreams|" \
      -e "s|listen 80;|listen 127.0.0.1:$http_port;|" -e "/listen \[::\]:80;/d" \
      -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" -e "/listen \[::\]:443 ssl http2;/d" \
      -e "s|/etc/letsencrypt/live/guide.example.org/fullchain.pem|$work/cert.pem|" \
      -e "s|/etc/letsencrypt/live/guide.example.org/privkey.pem|$work/key.pem|" \
      -e "s|/var/log/nginx/familymutualaid.access.log|$prefix/access.log|" \
      "$root/deploy/nginx/familymutualaid.conf" >"$prefix/site.conf"
  cat >"$prefix/nginx.conf" <<CONF
worker_processes auto;
pid $prefix/nginx.pid;
error_log $prefix/error.log warn;
events { worker_connections 1024; }
http {
    client_body_temp_path $prefix/body; proxy_temp_path $prefix/proxy; fastcgi_temp_path $prefix/fastcgi;
    uwsgi_temp_path $prefix/uwsgi; scgi_temp_path $prefix/scgi;
    include $prefix/site.conf;
}
CONF
  "$nginx" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log"
  nginx_prefixes+=("$prefix")
  proxy_port="$https_port"
}
proxy one "${ports[0]}"; one_port="$proxy_port"
proxy two "${ports[0]}" "${ports[1]}"; two_port="$proxy_port"

body="$bench/Http/eligibility-case.json"
names=(region api)
labels=("GET /regions/shanghai" "POST /api/eligibility")
paths=("/regions/shanghai" "/api/eligibility")
bodies=("" "$body")
setups=(one two)
setup_labels=("1 instance" "2 instances")
setup_ports=("$one_port" "$two_port")

for s in 0 1; do
  for i in 0 1; do
    url="https://127.0.0.1:${setup_ports[$s]}${paths[$i]}"
    if [[ -n ${bodies[$i]} ]]; then check=(-H "Content-Type: application/json" --data-binary "@${bodies[$i]}"); else check=(); fi
    answer="$(curl -sk -o /dev/null -w '%{http_code}' "${check[@]}" "$url")"
    [[ $answer == 200 ]] || { echo "${labels[$i]} through nginx (${setup_labels[$s]}) answered $answer, not 200" >&2; exit 1; }
  done
done

load() { # load <seconds> <url> <body file or empty>
  BENCH_BODY_FILE="$3" wrk -t2 -c"$connections" -d"$1s" -s "$bench/Http/report.lua" "$2"
}
echo "load: wrk, 2 threads, $connections connections over TLS (keep-alive) to nginx; ${warmup} s warm-up per target,"
echo "      then $rounds rounds of ${duration} s per target and setup, taken in turn"
for s in 0 1; do for i in 0 1; do load "$warmup" "https://127.0.0.1:${setup_ports[$s]}${paths[$i]}" "${bodies[$i]}" >/dev/null; done; done

declare -A figure
for round in $(seq "$rounds"); do
  for s in 0 1; do
    for i in 0 1; do
      line="$(load "$duration" "https://127.0.0.1:${setup_ports[$s]}${paths[$i]}" "${bodies[$i]}" | grep '^bench: ')" \
        || { echo "wrk gave no figures" >&2; exit 1; }
      read -r _ p50 _ p99 rate _ errors <<<"$line"
      figure[$s,$i,$round]="$p50 $p99 $rate $errors"
    done
  done
  echo "round $round done"
done

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo
echo "median of the $rounds rounds (through nginx with TLS, on PostgreSQL):"
printf '%-24s %-12s %10s %10s %12s %8s\n' target setup median p99 requests/s errors
for i in 0 1; do
  for s in 0 1; do
    p50s=(); p99s=(); rates=(); errs=0
    for round in $(seq "$rounds"); do
      read -r p50 p99 rate errors <<<"${figure[$s,$i,$round]}"
      p50s+=("$p50"); p99s+=("$p99"); rates+=("$rate"); errs=$((errs + errors))
    done
    rate_of[$s]="$(median "${rates[@]}")"
    printf '%-24s %-12s %7s ms %7s ms %12s %8s\n' "${labels[$i]}" "${setup_labels[$s]}" \
      "$(ms "$(median "${p50s[@]}")")" "$(ms "$(median "${p99s[@]}")")" "${rate_of[$s]}" "$errs"
  done
  echo "  ${labels[$i]}: 2 instances / 1 instance = $(awk -v a="${rate_of[1]}" -v b="${rate_of[0]}" 'BEGIN { printf "%.2f", a / b }')x requests/s"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
