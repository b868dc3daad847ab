#!/usr/bin/env bash
# Benchmarks/serve.sh — latency of `techladder serve` under load (issue 18's targets at 1,000,000 firms:
# firm and district pages p99 < 100 ms, / < 300 ms, search < 200 ms, server memory < 500 MB).
#
# Usage:  Benchmarks/serve.sh [FIRMS]      (default 1000000; run with nice on a shared machine)
# Environment: OUT (default bench-out/), TECHLADDER (default .build/release/techladder, built here),
#              CONNECTIONS (default 16), DURATION (default 20s), PORT (default 18099).
#
# Builds the database once ($OUT/serve-<N>.sqlite: generate, import, assess), starts the server, times
# its start, warms the snapshot's facts with one request to / (timed: the one-off cost per snapshot),
# then runs wrk (Debian's `wrk`) with CONNECTIONS connections against each page and prints p50/p99
# and the server's peak memory (VmHWM).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FIRMS=${1:-${FIRMS:-1000000}}
OUT=${OUT:-$ROOT/bench-out}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-20s}
PORT=${PORT:-18099}
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
if [ -z "${TECHLADDER:-}" ]; then
  (cd "$ROOT" && swift build -c release --product techladder >&2)
  TECHLADDER=$ROOT/.build/release/techladder
fi
DB=$OUT/serve-$FIRMS.sqlite
if [ ! -f "$DB" ]; then
  "$TECHLADDER" generate --firms "$FIRMS" --output "$OUT/serve-$FIRMS.xml" 2>/dev/null
  "$TECHLADDER" import "$OUT/serve-$FIRMS.xml" --db "$DB" >/dev/null || [ $? -eq 1 ]
  "$TECHLADDER" assess --db "$DB" >/dev/null
fi

start=$(date +%s.%N)
"$TECHLADDER" serve --db "$DB" --port "$PORT" >"$OUT/serve.out" 2>"$OUT/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
until grep -q "open http" "$OUT/serve.out" 2>/dev/null; do sleep 0.05; done
ready=$(date +%s.%N)
base="http://127.0.0.1:$PORT"
curl -sf -o /dev/null "$base/"
warm=$(date +%s.%N)
firm=$(curl -sf "$base/api/v1/firms?status=pipeline&perPage=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["firms"][0]["id"])')
printf 'firms %s  start %.2f s  first / (facts of the snapshot) %.2f s\n' "$FIRMS" \
  "$(echo "$ready - $start" | bc)" "$(echo "$warm - $ready" | bc)"
printf '%-28s %10s %10s %10s\n' page p50 p99 req/s
for entry in "/|/" "district|/districts/370211" "firm|/firms/$firm" "search|/firms?q=%E9%9D%92%E5%B2%9B%E7%9B%9B" \
             "api tally|/api/v1/tally" "api audit|/api/v1/firms/$firm/audit"; do
  name=${entry%%|*}; path=${entry#*|}
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$base$path" >"$OUT/wrk.txt"
  p50=$(awk '$1=="50%"{print $2}' "$OUT/wrk.txt"); p99=$(awk '$1=="99%"{print $2}' "$OUT/wrk.txt")
  rps=$(awk '/Requests\/sec/{print $2}' "$OUT/wrk.txt")
  printf '%-28s %10s %10s %10s\n' "$name" "$p50" "$p99" "$rps"
done
echo "server peak memory: $(awk '/VmHWM/{print $2, $3}' /proc/$server/status)"
