#!/usr/bin/env bash
# Compares the engine's raw HTTP throughput with wrk against nginx serving a small static file on 127.0.0.1.
# Usage: build/bench/throughput.sh   (env: PORT=18080 CONNECTIONS=50 DURATION=10; MEMORY_VUS=10000 MEMORY_SECONDS=30,
# MEMORY_VUS=0 skips the memory runs: that many VUs with 1 s think time, printing the engine's peak RSS with the
# default connection cap and unlimited)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PORT="${PORT:-18080}"
CONNECTIONS="${CONNECTIONS:-50}"
DURATION="${DURATION:-10}"

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  apt-get install -y nginx wrk
fi

WORK="$(mktemp -d)"
chmod 755 "$WORK"
mkdir -p "$WORK/www" "$WORK/logs"
head -c 512 /dev/zero | tr '\0' 'x' > "$WORK/www/small.txt"
chmod -R a+rX "$WORK/www"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path $WORK/body;
  proxy_temp_path $WORK/proxy;
  fastcgi_temp_path $WORK/fastcgi;
  uwsgi_temp_path $WORK/uwsgi;
  scgi_temp_path $WORK/scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$PORT;
    root $WORK/www;
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK"
trap 'nginx -c "$WORK/nginx.conf" -p "$WORK" -s stop || true; rm -rf "$WORK"' EXIT
URL="http://127.0.0.1:$PORT/small.txt"
curl -fsS "$URL" >/dev/null

echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s $URL"
WRK_RPS="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "$URL" | awk '/Requests\/sec/ {print $2}')"

dotnet build -c Release "$ROOT/build/bench/LoadTest.Throughput" -v q -nologo | grep -E " error |rror\(s\)" || true
echo "engine constant-vus $CONNECTIONS for ${DURATION}s $URL"
OUTPUT="$(dotnet "$ROOT/build/bench/LoadTest.Throughput/bin/Release/net10.0/LoadTest.Throughput.dll" "$URL" "$CONNECTIONS" "$DURATION" raw)"
RAW_RPS="$(echo "$OUTPUT" | sed -n 's/^raw_rps=\([0-9.]*\).*/\1/p')"
ENGINE_LINE="$(echo "$OUTPUT" | grep engine_rps=)"
ENGINE_RPS="$(echo "$ENGINE_LINE" | sed -n 's/.*engine_rps=\([0-9.]*\).*/\1/p')"

echo "wrk:    $WRK_RPS req/s"
echo "bare HttpClient loop: $RAW_RPS req/s"
echo "engine: $ENGINE_RPS req/s ($ENGINE_LINE)"
awk -v e="$ENGINE_RPS" -v w="$WRK_RPS" -v r="$RAW_RPS" 'BEGIN { printf "ratio engine/wrk: %.2f, engine/bare HttpClient: %.2f\n", e / w, e / r }'

MEMORY_VUS="${MEMORY_VUS:-10000}"
MEMORY_SECONDS="${MEMORY_SECONDS:-30}"
if [ "$MEMORY_VUS" -gt 0 ]; then
  # Workstation GC, as a test project under `dotnet test` runs by default. Once with the default cap of 1,000
  # connections per host, once unlimited (k6's one connection per busy VU: all 10,000 VUs start together).
  for cap in "" 0; do
    echo "engine constant-vus $MEMORY_VUS with 1 s think time for ${MEMORY_SECONDS}s, LOADTEST_MAX_CONNECTIONS_PER_HOST=${cap:-(default)}"
    DOTNET_gcServer=0 LOADTEST_MAX_CONNECTIONS_PER_HOST="$cap" \
      dotnet "$ROOT/build/bench/LoadTest.Throughput/bin/Release/net10.0/LoadTest.Throughput.dll" "$URL" "$MEMORY_VUS" "$MEMORY_SECONDS" think
  done
fi
