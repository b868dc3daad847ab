#!/usr/bin/env bash
# Benchmarks/serve.sh — latency of `techladder serve` under load (issue 18's targets at 1,000,000 firms:
# firm and district pages p99 < 100 ms, / < 300 ms, search < 200 ms, server memory < 500 MB, start < 2 s).
#
# Usage:  nice -n 10 Benchmarks/serve.sh [FIRMS]      (default 1000000)
# Environment: OUT (default bench-out/), TECHLADDER (default .build/release/techladder, built here),
#              CONNECTIONS (default 16), DURATION (default 20s), PORT (default 18099).
#
# Builds the database once ($OUT/serve-<N>.sqlite: generate --seed 1, import, assess), starts the server,
# times its start and its first page (the snapshot's facts, computed once per snapshot), then runs wrk
# (Debian's `wrk`) with CONNECTIONS connections against each page and prints a Markdown table of p50/p99
# against the targets, and the server's peak memory (VmHWM).
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
  t0=$(date +%s)
  "$TECHLADDER" generate --firms "$FIRMS" --seed 1 --output "$OUT/serve-$FIRMS.xml" 2>/dev/null
  "$TECHLADDER" import "$OUT/serve-$FIRMS.xml" --db "$DB.part" >/dev/null || [ $? -eq 1 ]
  "$TECHLADDER" assess --db "$DB.part" >/dev/null
  mv "$DB.part" "$DB"
  [ -f "$DB.part-wal" ] && mv "$DB.part-wal" "$DB-wal"
  echo "database of $FIRMS firms built in $(( $(date +%s) - t0 )) s (generate, import, assess)" >&2
fi

start=$(date +%s.%N)
"$TECHLADDER" serve --db "$DB" --port "$PORT" >"$OUT/serve.out" 2>"$OUT/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
until grep -q "open http" "$OUT/serve.out" 2>/dev/null; do
  kill -0 $server 2>/dev/null || { cat "$OUT/serve.log" >&2; exit 1; }
  sleep 0.05
done
ready=$(date +%s.%N)
base="http://127.0.0.1:$PORT"
curl -sf -o /dev/null "$base/"
warm=$(date +%s.%N)
firm=$(curl -sf "$base/api/v1/firms?status=pipeline&perPage=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["firms"][0]["id"])')
district=$(curl -sf "$base/api/v1/firms/$firm" | python3 -c 'import json,sys; print(json.load(sys.stdin)["firm"]["district"])')
# A common two-character piece of the generated names, and the first six characters of a credit code.
word=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("科技"))')
prefix=${firm:0:6}

printf '\nfirms %s, %s connections, %s each; server start %.2f s; first / (the snapshot'"'"'s facts) %.2f s\n\n' \
  "$FIRMS" "$CONNECTIONS" "$DURATION" "$(echo "$ready - $start" | bc)" "$(echo "$warm - $ready" | bc)"
echo "| page | path | p50 | p99 | target p99 | req/s |"
echo "|---|---|--:|--:|--:|--:|"
for entry in "/|/|300ms" "district|/districts/$district|100ms" "district, all firms, page 3|/districts/$district?status=all&page=3|100ms" \
             "firm|/firms/$firm|100ms" "search by name|/firms?q=$word|200ms" "search by code|/firms?q=$prefix|200ms" \
             "api tally|/api/v1/tally|—" "api firm audit|/api/v1/firms/$firm/audit|—"; do
  IFS='|' read -r name path target <<<"$entry"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$base$path" >"$OUT/wrk.txt"
  p50=$(awk '$1=="50%"{print $2}' "$OUT/wrk.txt"); p99=$(awk '$1=="99%"{print $2}' "$OUT/wrk.txt")
  rps=$(awk '/Requests\/sec/{print $2}' "$OUT/wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/{print " (" $0 ")"}' "$OUT/wrk.txt")
  echo "| $name | \`${path//|/\\|}\` | $p50 | $p99 | $target | $rps$errors |"
done
echo
echo "server peak memory (VmHWM): $(awk '/VmHWM/{printf "%.0f MB", $2/1024}' /proc/$server/status) (target < 500 MB)"
